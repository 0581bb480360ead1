package dev.parley.operator.reconciler;

import dev.parley.operator.crd.ComponentStatus;
import dev.parley.operator.crd.ComponentsStatus;
import dev.parley.operator.crd.EndpointsStatus;
import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.crd.ImClusterSpec;
import dev.parley.operator.crd.ImClusterStatus;
import dev.parley.operator.crd.KafkaSpec;
import dev.parley.operator.model.ClusterStatus;
import dev.parley.operator.model.Credentials;
import dev.parley.operator.model.ExternalSecrets;
import dev.parley.operator.model.GatewayNetwork;
import dev.parley.operator.model.Names;
import dev.parley.operator.model.Problem;
import dev.parley.operator.model.Role;
import dev.parley.operator.model.RolloutEvents.RestartReason;
import dev.parley.operator.model.RolloutEvents;
import dev.parley.operator.model.RuntimeConfig;
import dev.parley.operator.model.RuntimeWorkloads;
import dev.parley.operator.model.StatefulStores;
import dev.parley.operator.model.Store;
import dev.parley.operator.model.StrimziResources;
import dev.parley.operator.model.Topic;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One reconcile of one ImCluster. {@link #run()} is the table of contents: one named step per owned
 * object, in dependency order. Desired state comes from the pure builders in {@code model}; this
 * class only reads, applies and observes. A failing step is recorded and the others still run.
 */
public class ClusterReconciliation {

    private static final Logger LOG = Logger.getLogger(ClusterReconciliation.class);

    private final ImCluster cluster;
    private final ImClusterSpec spec;
    private final String namespace;
    private final KubernetesClient client;
    private final ResourceApplier applier;
    private final EventRecorder events;
    private final Supplier<String> random;
    private final String now;

    private final List<Problem> problems = new ArrayList<>();
    private final ComponentsStatus components = new ComponentsStatus();
    private final Set<String> configuredExternals = new HashSet<>();
    private boolean strimziUsable;
    private int partitions;
    private String configHash;
    private EndpointsStatus endpoints;

    public ClusterReconciliation(ImCluster cluster, KubernetesClient client, ResourceApplier applier,
                                 EventRecorder events, Supplier<String> random, String now) {
        this.cluster = cluster;
        this.spec = cluster.getSpec();
        this.namespace = cluster.getMetadata().getNamespace();
        this.client = client;
        this.applier = applier;
        this.events = events;
        this.random = random;
        this.now = now;
    }

    public ImClusterStatus run() {
        observeStrimzi();
        observeExternalSecrets();
        observePartitions();

        credentialsSecret();
        runtimeConfigMap();

        store(Store.REDIS);
        store(Store.MONGODB);
        store(Store.MYSQL);

        kafka();
        kafkaNodePool();
        kafkaTopics();

        runtimeDeployment(Role.GATEWAY);
        runtimeDeployment(Role.TRANSFER);
        runtimeDeployment(Role.PUSH);
        gatewayService();
        gatewayDisruptionBudget();

        return ClusterStatus.reconciled(cluster,
                new ClusterStatus.Observation(components, endpoints, partitions, problems), now);
    }

    // --- observations the desired state depends on ---

    private void observeStrimzi() {
        if (!spec.getKafka().managed()) {
            return;
        }
        step("the Strimzi CRDs", () -> {
            Optional<Problem> problem = new StrimziDetector(client).check();
            problem.ifPresent(problems::add);
            strimziUsable = problem.isEmpty();
        });
    }

    /** External services are only as good as the Secret that describes them. */
    private void observeExternalSecrets() {
        for (ExternalSecrets.Requirement requirement : ExternalSecrets.requirements(spec)) {
            step("Secret " + requirement.secretName(), () -> {
                Secret live = requirement.secretName() == null ? null
                        : client.secrets().inNamespace(namespace).withName(requirement.secretName()).get();
                Optional<Problem> problem = ExternalSecrets.problem(requirement, live);
                problem.ifPresent(problems::add);
                if (problem.isEmpty()) {
                    configuredExternals.add(requirement.section());
                }
            });
        }
    }

    /** Partitions never shrink: the floor is what the topic has, or what was configured before. */
    private void observePartitions() {
        KafkaSpec kafka = spec.getKafka();
        int requested = kafka.getPartitions();
        int floor = cluster.getStatus() == null || cluster.getStatus().getPartitions() == null
                ? 0 : cluster.getStatus().getPartitions();
        if (kafka.managed() && strimziUsable) {
            int[] live = {0};
            step("KafkaTopic " + Names.kafkaTopic(cluster, Topic.MESSAGES), () -> live[0] = liveTopicPartitions());
            floor = Math.max(floor, live[0]);
        }
        partitions = Math.max(requested, floor);
        if (requested < floor) {
            problems.add(new Problem(Problem.PARTITION_DECREASE_REFUSED,
                    "spec.kafka.partitions is " + requested + " but topic " + kafka.getMessagesTopic() + " already has "
                            + floor + " partitions; Kafka cannot remove partitions, so the topics are left at " + floor
                            + ". Set spec.kafka.partitions to " + floor + " or more."));
        }
    }

    private int liveTopicPartitions() {
        GenericKubernetesResource live = client.genericKubernetesResources(StrimziResources.TOPIC)
                .inNamespace(namespace).withName(Names.kafkaTopic(cluster, Topic.MESSAGES)).get();
        if (live == null) {
            return 0;
        }
        KafkaTopic topic = client.getKubernetesSerialization().convertValue(live, KafkaTopic.class);
        return topic.getSpec() == null || topic.getSpec().getPartitions() == null ? 0 : topic.getSpec().getPartitions();
    }

    // --- one step per owned object ---

    private void credentialsSecret() {
        step("Secret " + Names.credentialsSecret(cluster), () -> {
            Secret live = client.secrets().inNamespace(namespace).withName(Names.credentialsSecret(cluster)).get();
            applier.apply(client.secrets(), Credentials.desired(cluster, Credentials.decode(live), random));
        });
    }

    private void runtimeConfigMap() {
        ConfigMap desired = RuntimeConfig.desired(cluster, partitions);
        // The hash comes from the desired content, so pods roll to what was asked even if the write lags.
        configHash = RuntimeWorkloads.configHash(desired, RuntimeWorkloads.secretEnv(cluster));
        step("ConfigMap " + Names.runtimeConfig(cluster), () -> applier.apply(client.configMaps(), desired));
    }

    private void store(Store store) {
        if (!store.spec(spec).managed()) {
            components(store, ComponentStatus.external(configuredExternals.contains(store.value())));
            return;
        }
        components(store, ComponentStatus.replicas(1, 0));
        step("Service " + Names.store(cluster, store),
                () -> applier.apply(client.services(), StatefulStores.headlessService(cluster, store)));
        step("StatefulSet " + Names.store(cluster, store), () -> {
            StatefulSet applied = applier.apply(client.apps().statefulSets(), StatefulStores.statefulSet(cluster, store)).current();
            components(store, ComponentStatus.replicas(1, readyReplicas(applied)));
        });
    }

    private void kafka() {
        KafkaSpec kafka = spec.getKafka();
        if (!kafka.managed()) {
            components.setKafka(ComponentStatus.external(configuredExternals.contains("kafka")));
            return;
        }
        components.setKafka(new ComponentStatus(kafka.getReplicas(), null, false, null));
        if (!strimziUsable) {
            return;
        }
        step("Kafka " + Names.kafka(cluster), () -> {
            GenericKubernetesResource applied = applyStrimzi(StrimziResources.KAFKA, StrimziResources.kafka(cluster));
            Kafka live = client.getKubernetesSerialization().convertValue(applied, Kafka.class);
            boolean ready = live.getStatus() != null && live.getStatus().getConditions() != null
                    && live.getStatus().getConditions().stream()
                            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            components.setKafka(new ComponentStatus(kafka.getReplicas(), null, ready, null));
        });
    }

    private void kafkaNodePool() {
        if (spec.getKafka().managed() && strimziUsable) {
            step("KafkaNodePool " + Names.kafkaNodePool(cluster),
                    () -> applyStrimzi(StrimziResources.NODE_POOL, StrimziResources.nodePool(cluster)));
        }
    }

    private void kafkaTopics() {
        if (spec.getKafka().managed() && strimziUsable) {
            for (Topic topic : Topic.values()) {
                step("KafkaTopic " + Names.kafkaTopic(cluster, topic),
                        () -> applyStrimzi(StrimziResources.TOPIC, StrimziResources.topic(cluster, topic, partitions)));
            }
        }
    }

    private void runtimeDeployment(Role role) {
        int desiredReplicas = role.spec(spec).getReplicas();
        components(role, ComponentStatus.replicas(desiredReplicas, 0));
        step("Deployment " + Names.role(cluster, role), () -> {
            Applied<Deployment> applied = applier.apply(client.apps().deployments(),
                    RuntimeWorkloads.deployment(cluster, role, configHash));
            recordRestart(role, applied);
            components(role, ComponentStatus.replicas(desiredReplicas, readyReplicas(applied.current())));
        });
    }

    private void gatewayService() {
        endpoints = new EndpointsStatus(GatewayNetwork.websocketUrl(cluster), GatewayNetwork.apiUrl(cluster), null);
        step("Service " + Names.gatewayService(cluster), () -> {
            Service applied = applier.apply(client.services(), GatewayNetwork.service(cluster)).current();
            externalAddress(applied).ifPresent(endpoints::setExternal);
        });
    }

    private void gatewayDisruptionBudget() {
        step("PodDisruptionBudget " + Names.role(cluster, Role.GATEWAY),
                () -> applier.apply(client.policy().v1().podDisruptionBudget(), GatewayNetwork.disruptionBudget(cluster)));
    }

    // --- helpers ---

    /** Strimzi objects go through the generic client so the request path is v1, whatever the model classes default to. */
    private GenericKubernetesResource applyStrimzi(ResourceDefinitionContext type, GenericKubernetesResource desired) {
        return applier.apply(client.genericKubernetesResources(type), desired).current();
    }

    private void recordRestart(Role role, Applied<Deployment> applied) {
        if (applied.previous() == null) {
            return;
        }
        String previousHash = RuntimeWorkloads.configHashOf(applied.previous());
        String previousImage = RuntimeWorkloads.imageOf(applied.previous());
        String image = spec.getRuntime().imageReference();
        if (previousHash != null && !previousHash.equals(configHash)) {
            events.restart(cluster, RestartReason.ConfigChanged,
                    RolloutEvents.message(role, RestartReason.ConfigChanged, previousHash, configHash), now);
        } else if (previousImage != null && !previousImage.equals(image)) {
            events.restart(cluster, RestartReason.ImageChanged,
                    RolloutEvents.message(role, RestartReason.ImageChanged, previousImage, image), now);
        }
    }

    private static int readyReplicas(Deployment deployment) {
        return deployment == null || deployment.getStatus() == null
                ? 0 : Objects.requireNonNullElse(deployment.getStatus().getReadyReplicas(), 0);
    }

    private static int readyReplicas(StatefulSet statefulSet) {
        return statefulSet == null || statefulSet.getStatus() == null
                ? 0 : Objects.requireNonNullElse(statefulSet.getStatus().getReadyReplicas(), 0);
    }

    private static Optional<String> externalAddress(Service service) {
        if (service == null || service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null) {
            return Optional.empty();
        }
        return service.getStatus().getLoadBalancer().getIngress().stream().findFirst()
                .map(ClusterReconciliation::host)
                .map(host -> host + ":" + RuntimeWorkloads.HTTP_PORT);
    }

    private static String host(LoadBalancerIngress ingress) {
        return ingress.getHostname() != null ? ingress.getHostname() : ingress.getIp();
    }

    private void components(Store store, ComponentStatus status) {
        switch (store) {
            case REDIS -> components.setRedis(status);
            case MONGODB -> components.setMongodb(status);
            case MYSQL -> components.setMysql(status);
        }
    }

    private void components(Role role, ComponentStatus status) {
        switch (role) {
            case GATEWAY -> components.setGateway(status);
            case TRANSFER -> components.setTransfer(status);
            case PUSH -> components.setPush(status);
        }
    }

    /** Runs one step; an API error becomes a Degraded reason instead of stopping the other steps. */
    private void step(String object, Runnable action) {
        try {
            action.run();
        } catch (KubernetesClientException e) {
            LOG.warnf(e, "%s/%s: could not apply %s", namespace, cluster.getMetadata().getName(), object);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            problems.add(new Problem(Problem.APPLY_FAILED, "Could not apply " + object + ": "
                    + (message.length() > 300 ? message.substring(0, 300) + "…" : message)));
        }
    }
}
