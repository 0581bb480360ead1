package dev.parley.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.operator.TestClusters;
import dev.parley.operator.crd.ImCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.JbodStorage;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.PersistentClaimStorage;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrimziResourcesTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final ImCluster cluster = TestClusters.stored("alpha");

    private static <T> T typed(GenericKubernetesResource generic, Class<T> type) {
        return SERIALIZATION.convertValue(generic, type);
    }

    @Test
    void everyStrimziObjectIsV1EvenAfterSerialization() {
        for (var object : List.of(StrimziResources.kafka(cluster), StrimziResources.nodePool(cluster),
                StrimziResources.topic(cluster, Topic.MESSAGES, 8))) {
            assertEquals("kafka.strimzi.io/v1", object.getApiVersion(), object.getKind());
            assertEquals("kafka.strimzi.io/v1", SERIALIZATION.unmarshal(SERIALIZATION.asJson(object),
                    GenericKubernetesResource.class).getApiVersion(), object.getKind());
            assertEquals("ImCluster", object.getMetadata().getOwnerReferences().get(0).getKind());
        }
    }

    @Test
    void kafkaIsKraftWithAPlainListenerOnTheBootstrapPort() {
        Kafka kafka = typed(StrimziResources.kafka(cluster), Kafka.class);
        assertEquals("alpha", kafka.getMetadata().getName());
        assertEquals(9092, kafka.getSpec().getKafka().getListeners().get(0).getPort());
        assertFalse(kafka.getSpec().getKafka().getListeners().get(0).isTls());
        assertEquals(false, kafka.getSpec().getKafka().getConfig().get("auto.create.topics.enable"));
        assertEquals(1, kafka.getSpec().getKafka().getConfig().get("default.replication.factor"));
        assertTrue(kafka.getSpec().getEntityOperator().getTopicOperator() != null, "topic operator reconciles KafkaTopics");
    }

    @Test
    void nodePoolCombinesRolesAndUsesTheConfiguredStorage() {
        cluster.getSpec().getKafka().setReplicas(3);
        cluster.getSpec().getKafka().setStorageClassName("fast");
        cluster.getSpec().setDeleteClaim(true);
        KafkaNodePool pool = typed(StrimziResources.nodePool(cluster), KafkaNodePool.class);
        assertEquals("alpha", pool.getMetadata().getLabels().get(StrimziResources.CLUSTER_LABEL));
        assertEquals(3, pool.getSpec().getReplicas());
        assertEquals(List.of(ProcessRoles.CONTROLLER, ProcessRoles.BROKER), pool.getSpec().getRoles());
        PersistentClaimStorage volume = (PersistentClaimStorage) ((JbodStorage) pool.getSpec().getStorage()).getVolumes().get(0);
        assertEquals("fast", volume.getStorageClass());
        assertEquals("20Gi", volume.getSize());
        assertTrue(volume.isDeleteClaim());
    }

    @Test
    void topicsCarryTheirNamesPartitionsAndClusterLabel() {
        cluster.getSpec().getKafka().setReplicas(5);
        KafkaTopic messages = typed(StrimziResources.topic(cluster, Topic.MESSAGES, 16), KafkaTopic.class);
        assertEquals("alpha-messages", messages.getMetadata().getName());
        assertEquals("alpha", messages.getMetadata().getLabels().get(StrimziResources.CLUSTER_LABEL));
        assertEquals("parley-messages", messages.getSpec().getTopicName());
        assertEquals(16, messages.getSpec().getPartitions());
        assertEquals(3, messages.getSpec().getReplicas(), "replication is capped at three");
        assertEquals(2, messages.getSpec().getConfig().get("min.insync.replicas"));
        assertEquals(16, typed(StrimziResources.topic(cluster, Topic.PUSH, 16), KafkaTopic.class).getSpec().getPartitions());
        KafkaTopic deadLetter = typed(StrimziResources.topic(cluster, Topic.DEAD_LETTER, 16), KafkaTopic.class);
        assertEquals("parley-dead-letter", deadLetter.getSpec().getTopicName());
        assertEquals(1, deadLetter.getSpec().getPartitions());
    }

    @Test
    void singleBrokerClustersDoNotAskForMoreReplicasThanExist() {
        KafkaTopic topic = typed(StrimziResources.topic(cluster, Topic.MESSAGES, 8), KafkaTopic.class);
        assertEquals(1, topic.getSpec().getReplicas());
        assertEquals(1, topic.getSpec().getConfig().get("min.insync.replicas"));
    }
}
