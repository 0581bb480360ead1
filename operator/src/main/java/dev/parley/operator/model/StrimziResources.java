package dev.parley.operator.model;

import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.crd.KafkaSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.strimzi.api.kafka.model.kafka.KRaftMetadataStorage;
import io.strimzi.api.kafka.model.kafka.KafkaBuilder;
import io.strimzi.api.kafka.model.kafka.PersistentClaimStorageBuilder;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListenerBuilder;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerType;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePoolBuilder;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Strimzi resources of a managed Kafka: KRaft with one combined broker/controller node pool.
 * Every object is {@code kafka.strimzi.io/v1}, the only version current Strimzi serves.
 */
public final class StrimziResources {

    public static final String GROUP = "kafka.strimzi.io";
    public static final String VERSION = "v1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String CLUSTER_LABEL = "strimzi.io/cluster";
    public static final int PLAIN_PORT = 9092;

    public static final ResourceDefinitionContext KAFKA = context("Kafka", "kafkas");
    public static final ResourceDefinitionContext NODE_POOL = context("KafkaNodePool", "kafkanodepools");
    public static final ResourceDefinitionContext TOPIC = context("KafkaTopic", "kafkatopics");
    /** The CRDs a managed Kafka needs; the operator looks them up to tell "not installed" apart. */
    public static final List<String> REQUIRED_CRDS = List.of(
            KAFKA.getPlural() + "." + GROUP, NODE_POOL.getPlural() + "." + GROUP, TOPIC.getPlural() + "." + GROUP);

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StrimziResources() {
    }

    /**
     * The typed Strimzi classes always report their compiled-in version (v1beta2 for Kafka and
     * KafkaNodePool) and ignore setApiVersion, so the desired objects are handed out generic, pinned to v1.
     */
    private static GenericKubernetesResource v1(HasMetadata typed) {
        GenericKubernetesResource generic = SERIALIZATION.convertValue(typed, GenericKubernetesResource.class);
        generic.setApiVersion(API_VERSION);
        return generic;
    }

    private static ResourceDefinitionContext context(String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(GROUP).withVersion(VERSION).withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    /** Replication never exceeds the broker count, and three copies are enough for any size. */
    static int replicationFactor(KafkaSpec kafka) {
        return Math.min(3, kafka.getReplicas());
    }

    static int minInSyncReplicas(KafkaSpec kafka) {
        return Math.max(1, Math.min(2, replicationFactor(kafka) - 1));
    }

    public static GenericKubernetesResource kafka(ImCluster cluster) {
        KafkaSpec spec = cluster.getSpec().getKafka();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("offsets.topic.replication.factor", replicationFactor(spec));
        config.put("transaction.state.log.replication.factor", replicationFactor(spec));
        config.put("transaction.state.log.min.isr", minInSyncReplicas(spec));
        config.put("default.replication.factor", replicationFactor(spec));
        config.put("min.insync.replicas", minInSyncReplicas(spec));
        // Topics are owned by KafkaTopic resources; a typo in a client must not create one.
        config.put("auto.create.topics.enable", false);
        Map<String, String> annotations = new LinkedHashMap<>();
        // Needed by Strimzi releases before node pools and KRaft became the only mode; ignored after.
        annotations.put("strimzi.io/node-pools", "enabled");
        annotations.put("strimzi.io/kraft", "enabled");
        return v1(new KafkaBuilder()
                .withMetadata(Meta.owned(cluster, Names.kafka(cluster), "kafka"))
                .editMetadata().withAnnotations(annotations).endMetadata()
                .withNewSpec()
                    .withNewKafka()
                        .withVersion(spec.getVersion())
                        .withListeners(new GenericKafkaListenerBuilder()
                                .withName("plain").withPort(PLAIN_PORT).withType(KafkaListenerType.INTERNAL).withTls(false)
                                .build())
                        .withConfig(config)
                    .endKafka()
                    .withNewEntityOperator().withNewTopicOperator().endTopicOperator().endEntityOperator()
                .endSpec()
                .build());
    }

    public static GenericKubernetesResource nodePool(ImCluster cluster) {
        KafkaSpec spec = cluster.getSpec().getKafka();
        return v1(new KafkaNodePoolBuilder()
                .withMetadata(Meta.owned(cluster, Names.kafkaNodePool(cluster), "kafka"))
                .editMetadata().addToLabels(CLUSTER_LABEL, Names.kafka(cluster)).endMetadata()
                .withNewSpec()
                    .withReplicas(spec.getReplicas())
                    .withRoles(ProcessRoles.CONTROLLER, ProcessRoles.BROKER)
                    .withResources(spec.getResources())
                    .withNewJbodStorage()
                        .withVolumes(new PersistentClaimStorageBuilder()
                                .withId(0)
                                .withSize(spec.getStorageSize())
                                .withStorageClass(spec.getStorageClassName())
                                .withDeleteClaim(cluster.getSpec().isDeleteClaim())
                                .withKraftMetadata(KRaftMetadataStorage.SHARED)
                                .build())
                    .endJbodStorage()
                .endSpec()
                .build());
    }

    public static GenericKubernetesResource topic(ImCluster cluster, Topic topic, int partitions) {
        KafkaSpec spec = cluster.getSpec().getKafka();
        return v1(new KafkaTopicBuilder()
                .withMetadata(Meta.owned(cluster, Names.kafkaTopic(cluster, topic), "kafka"))
                .editMetadata().addToLabels(CLUSTER_LABEL, Names.kafka(cluster)).endMetadata()
                .withNewSpec()
                    .withTopicName(topic.topicName(spec))
                    .withPartitions(topic.partitions(partitions))
                    .withReplicas(replicationFactor(spec))
                    .addToConfig("min.insync.replicas", minInSyncReplicas(spec))
                .endSpec()
                .build());
    }
}
