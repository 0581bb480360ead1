package dev.parley.operator.reconciler;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.operator.TestClusters;
import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.model.Conditions;
import dev.parley.operator.model.Credentials;
import dev.parley.operator.model.ExternalSecrets;
import dev.parley.operator.model.Meta;
import dev.parley.operator.model.Problem;
import dev.parley.operator.model.RuntimeConfig;
import dev.parley.operator.model.StrimziResources;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator running against the mock API server (CRUD mode). There are no controllers there,
 * so the tests play them: they mark workloads and Kafka ready by patching their status.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ImClusterReconcilerTest {

    private static final String NS = "chat";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    MockCluster mock;

    @BeforeEach
    void installStrimzi() {
        mock = new MockCluster(client);
        mock.installStrimzi();
    }

    @Test
    void creatingAnImClusterCreatesEveryObject() {
        ImCluster cluster = TestClusters.cluster(NS, "alpha");
        cluster.getSpec().getKafka().setPartitions(12);
        create(cluster);

        Deployment gateway = await("gateway Deployment", () -> deployment("alpha-gateway"));
        Deployment transfer = await("transfer Deployment", () -> deployment("alpha-transfer"));
        Deployment push = await("push Deployment", () -> deployment("alpha-push"));
        for (var entry : Map.of("gateway", gateway, "transfer", transfer, "push", push).entrySet()) {
            var container = entry.getValue().getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals("parley/runtime:0.1.0", container.getImage());
            assertEquals(entry.getKey(), env(container.getEnv(), "PARLEY_ROLE").getValue());
            assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath());
            assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
            assertEquals("alpha-config", container.getEnvFrom().get(0).getConfigMapRef().getName());
            assertNotNull(entry.getValue().getSpec().getTemplate().getMetadata().getAnnotations().get(Meta.CONFIG_HASH_ANNOTATION));
            assertOwned(entry.getValue());
        }
        assertEquals(2, gateway.getSpec().getReplicas());

        Map<String, String> storageClasses = Map.of("alpha-mongodb", "ssd", "alpha-mysql", "hdd");
        for (String store : List.of("alpha-redis", "alpha-mongodb", "alpha-mysql")) {
            StatefulSet statefulSet = await(store, () -> client.apps().statefulSets().inNamespace(NS).withName(store).get());
            var claim = statefulSet.getSpec().getVolumeClaimTemplates().get(0);
            assertEquals(storageClasses.get(store), claim.getSpec().getStorageClassName(), store + " storage class");
            assertTrue(claim.getMetadata().getOwnerReferences() == null || claim.getMetadata().getOwnerReferences().isEmpty(),
                    "claims must outlive the cluster unless deleteClaim is set");
            assertNotNull(statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe());
            assertOwned(statefulSet);
            Service headless = client.services().inNamespace(NS).withName(store).get();
            assertEquals("None", headless.getSpec().getClusterIP());
            assertOwned(headless);
        }

        GenericKubernetesResource kafka = await("Kafka", () -> mock.strimzi(StrimziResources.KAFKA, NS, "alpha"));
        assertEquals("kafka.strimzi.io/v1", kafka.getApiVersion());
        assertOwned(kafka);
        GenericKubernetesResource pool = await("KafkaNodePool", () -> mock.strimzi(StrimziResources.NODE_POOL, NS, "alpha-nodes"));
        assertEquals("alpha", pool.getMetadata().getLabels().get(StrimziResources.CLUSTER_LABEL));
        for (var topic : Map.of("alpha-messages", "parley-messages", "alpha-push", "parley-push",
                "alpha-dead-letter", "parley-dead-letter").entrySet()) {
            GenericKubernetesResource kafkaTopic = await(topic.getKey(), () -> mock.strimzi(StrimziResources.TOPIC, NS, topic.getKey()));
            assertEquals("kafka.strimzi.io/v1", kafkaTopic.getApiVersion());
            assertEquals(topic.getValue(), topicSpec(kafkaTopic).get("topicName"));
            assertEquals("alpha", kafkaTopic.getMetadata().getLabels().get(StrimziResources.CLUSTER_LABEL));
        }
        assertEquals(12, topicSpec(mock.strimzi(StrimziResources.TOPIC, NS, "alpha-messages")).get("partitions"));

        ConfigMap config = await("ConfigMap", () -> client.configMaps().inNamespace(NS).withName("alpha-config").get());
        assertEquals("12", config.getData().get(RuntimeConfig.KAFKA_PARTITIONS));
        assertEquals("alpha-kafka-bootstrap:9092", config.getData().get(RuntimeConfig.KAFKA_BOOTSTRAP_SERVERS));
        Secret credentials = await("Secret", () -> client.secrets().inNamespace(NS).withName("alpha-credentials").get());
        assertOwned(credentials);
        Service gatewayService = await("gateway Service", () -> client.services().inNamespace(NS).withName("alpha-gateway").get());
        assertEquals(10001, gatewayService.getSpec().getPorts().get(0).getPort());
        PodDisruptionBudget pdb = await("gateway PDB",
                () -> client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("alpha-gateway").get());
        assertOwned(pdb);
    }

    @Test
    void statusBecomesReadyOnlyAfterEveryWorkloadAndKafkaReportReady() {
        create(TestClusters.cluster(NS, "bravo"));
        awaitCondition("bravo", Conditions.PROGRESSING, "True");
        Condition notReady = awaitCondition("bravo", Conditions.READY, "False");
        assertEquals("ComponentsNotReady", notReady.getReason());
        assertTrue(notReady.getMessage().contains("gateway (0/2 ready)"), notReady.getMessage());

        for (String store : List.of("bravo-redis", "bravo-mongodb", "bravo-mysql")) {
            await(store, () -> client.apps().statefulSets().inNamespace(NS).withName(store).get());
            mock.statefulSetReady(NS, store);
        }
        for (String role : List.of("bravo-gateway", "bravo-transfer", "bravo-push")) {
            await(role, () -> deployment(role));
            mock.deploymentReady(NS, role);
        }
        // Everything but Kafka is ready: the cluster must still say so.
        org.awaitility.Awaitility.await("only kafka missing").atMost(TIMEOUT).until(() -> condition("bravo", Conditions.READY)
                .map(c -> "False".equals(c.getStatus()) && c.getMessage().equals("Waiting for kafka.")).orElse(false));

        await("Kafka", () -> mock.strimzi(StrimziResources.KAFKA, NS, "bravo"));
        mock.kafkaReady(NS, "bravo");
        Condition ready = awaitCondition("bravo", Conditions.READY, "True");
        assertEquals("AllComponentsReady", ready.getReason());

        ImCluster live = mock.imCluster(NS, "bravo");
        assertEquals(live.getMetadata().getGeneration(), live.getStatus().getObservedGeneration());
        assertEquals(live.getMetadata().getGeneration(), ready.getObservedGeneration());
        assertEquals("False", live.getStatus().condition(Conditions.PROGRESSING).orElseThrow().getStatus());
        assertEquals("False", live.getStatus().condition(Conditions.DEGRADED).orElseThrow().getStatus());
        assertEquals(2, live.getStatus().getComponents().getGateway().getReadyReplicas());
        assertEquals(2, live.getStatus().getComponents().getGateway().getDesiredReplicas());
        assertEquals("ws://bravo-gateway.chat.svc:10001/", live.getStatus().getEndpoints().getWebsocket());
        assertEquals("http://bravo-gateway.chat.svc:10001", live.getStatus().getEndpoints().getApi());
        assertEquals(8, live.getStatus().getPartitions());
    }

    @Test
    void settledStatusIsNotRewrittenAndKeepsItsTransitionTimes() throws InterruptedException {
        create(TestClusters.cluster(NS, "charlie"));
        makeEverythingReady("charlie");
        awaitCondition("charlie", Conditions.READY, "True");
        ImCluster settled = mock.imCluster(NS, "charlie");

        Thread.sleep(3000); // several requeue intervals
        ImCluster later = mock.imCluster(NS, "charlie");
        assertEquals(settled.getMetadata().getResourceVersion(), later.getMetadata().getResourceVersion(),
                "a status that did not change must not be patched");

        // A spec change moves observedGeneration but not the transition time of a condition that kept its status.
        String readySince = settled.getStatus().condition(Conditions.READY).orElseThrow().getLastTransitionTime();
        String degradedSince = settled.getStatus().condition(Conditions.DEGRADED).orElseThrow().getLastTransitionTime();
        edit("charlie", c -> c.getSpec().setLargeGroupThreshold(1000));
        long generation = mock.imCluster(NS, "charlie").getMetadata().getGeneration();
        org.awaitility.Awaitility.await("observed new generation").atMost(TIMEOUT)
                .until(() -> condition("charlie", Conditions.DEGRADED).map(c -> c.getObservedGeneration() == generation).orElse(false));
        ImCluster afterEdit = mock.imCluster(NS, "charlie");
        assertEquals(generation, afterEdit.getStatus().getObservedGeneration());
        assertEquals(degradedSince, afterEdit.getStatus().condition(Conditions.DEGRADED).orElseThrow().getLastTransitionTime());
        Condition readyAfter = afterEdit.getStatus().condition(Conditions.READY).orElseThrow();
        if ("True".equals(readyAfter.getStatus())) {
            assertEquals(readySince, readyAfter.getLastTransitionTime());
        }
    }

    @Test
    void scalingChangesReplicas() {
        create(TestClusters.cluster(NS, "delta"));
        await("gateway", () -> deployment("delta-gateway"));
        edit("delta", c -> {
            c.getSpec().getGateway().setReplicas(5);
            c.getSpec().getTransfer().setReplicas(3);
            c.getSpec().getPush().setReplicas(0);
        });
        org.awaitility.Awaitility.await("scaled").atMost(TIMEOUT).until(() ->
                deployment("delta-gateway").getSpec().getReplicas() == 5
                        && deployment("delta-transfer").getSpec().getReplicas() == 3
                        && deployment("delta-push").getSpec().getReplicas() == 0);
        org.awaitility.Awaitility.await("status follows").atMost(TIMEOUT).until(() -> {
            var components = mock.imCluster(NS, "delta").getStatus().getComponents();
            return components.getGateway().getDesiredReplicas() == 5 && components.getPush().getDesiredReplicas() == 0;
        });
    }

    @Test
    void configChangeChangesTheHashAndRecordsAnEvent() {
        create(TestClusters.cluster(NS, "echo"));
        Deployment before = await("gateway", () -> deployment("echo-gateway"));
        String hashBefore = configHash(before);

        edit("echo", c -> c.getSpec().getRetention().setHot("14d"));
        String hashAfter = org.awaitility.Awaitility.await("new hash").atMost(TIMEOUT)
                .until(() -> configHash(deployment("echo-gateway")), hash -> !hashBefore.equals(hash));
        assertEquals("14d", client.configMaps().inNamespace(NS).withName("echo-config").get()
                .getData().get(RuntimeConfig.RETENTION_HOT));
        // Every role rolls to the same config (the roles are applied one after another in a reconcile).
        org.awaitility.Awaitility.await("transfer and push follow").atMost(TIMEOUT).until(() ->
                hashAfter.equals(configHash(deployment("echo-transfer"))) && hashAfter.equals(configHash(deployment("echo-push"))));

        Event event = org.awaitility.Awaitility.await("ConfigChanged event").atMost(TIMEOUT).until(() ->
                client.v1().events().inNamespace(NS).list().getItems().stream()
                        .filter(e -> "echo".equals(e.getInvolvedObject().getName()) && "ConfigChanged".equals(e.getReason())
                                && e.getMessage().startsWith("Rolling gateway pods"))
                        .findFirst().orElse(null), e -> e != null);
        assertEquals("ImCluster", event.getInvolvedObject().getKind());
        assertTrue(event.getMessage().contains(hashBefore) && event.getMessage().contains(hashAfter), event.getMessage());
    }

    @Test
    void partitionDecreaseIsRefusedAndTheTopicLeftAlone() {
        ImCluster cluster = TestClusters.cluster(NS, "foxtrot");
        cluster.getSpec().getKafka().setPartitions(8);
        create(cluster);
        await("topic", () -> mock.strimzi(StrimziResources.TOPIC, NS, "foxtrot-messages"));
        String topicVersion = mock.strimzi(StrimziResources.TOPIC, NS, "foxtrot-messages").getMetadata().getResourceVersion();

        edit("foxtrot", c -> c.getSpec().getKafka().setPartitions(4));
        Condition degraded = awaitCondition("foxtrot", Conditions.DEGRADED, "True");
        assertEquals(Problem.PARTITION_DECREASE_REFUSED, degraded.getReason());
        assertTrue(degraded.getMessage().contains("cannot remove partitions")
                && degraded.getMessage().contains("Set spec.kafka.partitions to 8 or more"), degraded.getMessage());
        GenericKubernetesResource topic = mock.strimzi(StrimziResources.TOPIC, NS, "foxtrot-messages");
        assertEquals(8, topicSpec(topic).get("partitions"));
        assertEquals(topicVersion, topic.getMetadata().getResourceVersion(), "the topic must not be written");
        assertEquals("8", client.configMaps().inNamespace(NS).withName("foxtrot-config").get()
                .getData().get(RuntimeConfig.KAFKA_PARTITIONS));
        assertEquals(8, mock.imCluster(NS, "foxtrot").getStatus().getPartitions());

        edit("foxtrot", c -> c.getSpec().getKafka().setPartitions(12));
        awaitCondition("foxtrot", Conditions.DEGRADED, "False");
        assertEquals(12, topicSpec(mock.strimzi(StrimziResources.TOPIC, NS, "foxtrot-messages")).get("partitions"));
    }

    @Test
    void pauseAnnotationHoldsChangesUntilRemoved() throws InterruptedException {
        create(TestClusters.cluster(NS, "golf"));
        await("gateway", () -> deployment("golf-gateway"));
        edit("golf", c -> c.getMetadata().setAnnotations(Map.of(ImCluster.PAUSE_ANNOTATION, "true")));
        Condition paused = awaitCondition("golf", Conditions.PAUSED, "True");
        assertTrue(paused.getMessage().contains(ImCluster.PAUSE_ANNOTATION), paused.getMessage());

        edit("golf", c -> c.getSpec().getGateway().setReplicas(7));
        Thread.sleep(3000); // several requeue intervals
        assertEquals(2, deployment("golf-gateway").getSpec().getReplicas(), "a paused cluster must not change");
        assertTrue(condition("golf", Conditions.PAUSED).isPresent());

        edit("golf", c -> c.getMetadata().getAnnotations().remove(ImCluster.PAUSE_ANNOTATION));
        org.awaitility.Awaitility.await("resumed").atMost(TIMEOUT).until(() -> deployment("golf-gateway").getSpec().getReplicas() == 7);
        org.awaitility.Awaitility.await("Paused condition removed").atMost(TIMEOUT)
                .until(() -> condition("golf", Conditions.PAUSED).isEmpty());
    }

    @Test
    void missingStrimziDegradesTheClusterButEverythingElseReconciles() {
        mock.uninstallStrimzi();
        try {
            create(TestClusters.cluster(NS, "hotel"));
            Condition degraded = awaitCondition("hotel", Conditions.DEGRADED, "True");
            assertEquals(Problem.STRIMZI_NOT_INSTALLED, degraded.getReason());
            assertTrue(degraded.getMessage().contains("kafkas.kafka.strimzi.io")
                    && degraded.getMessage().contains("install the Strimzi cluster operator"), degraded.getMessage());
            assertEquals("False", condition("hotel", Conditions.READY).orElseThrow().getStatus());
            assertNotNull(deployment("hotel-gateway"));
            assertNotNull(client.apps().statefulSets().inNamespace(NS).withName("hotel-mongodb").get());
            assertNotNull(client.services().inNamespace(NS).withName("hotel-gateway").get());
        } finally {
            mock.installStrimzi();
        }
        // Installing Strimzi later heals the cluster without touching it.
        await("Kafka after install", () -> mock.strimzi(StrimziResources.KAFKA, NS, "hotel"));
        awaitCondition("hotel", Conditions.DEGRADED, "False");
    }

    @Test
    void generatedCredentialsAreNeverRegenerated() {
        create(TestClusters.cluster(NS, "india"));
        Secret first = await("Secret", () -> client.secrets().inNamespace(NS).withName("india-credentials").get());
        Map<String, String> original = Credentials.decode(first);
        assertEquals(43, original.get(Credentials.ADMIN_SECRET).length(), "32 random bytes, base64url");

        edit("india", c -> c.getSpec().getRetention().setCold("365d"));
        org.awaitility.Awaitility.await("reconciled").atMost(TIMEOUT).until(() -> "365d".equals(
                client.configMaps().inNamespace(NS).withName("india-config").get().getData().get(RuntimeConfig.RETENTION_COLD)));
        assertEquals(original, Credentials.decode(client.secrets().inNamespace(NS).withName("india-credentials").get()));
    }

    @Test
    void deleteClaimRemovesTheStoresClaimsWithTheCluster() {
        ImCluster keep = TestClusters.cluster(NS, "juliet");
        ImCluster drop = TestClusters.cluster(NS, "kilo");
        drop.getSpec().setDeleteClaim(true);
        create(keep);
        create(drop);
        await("juliet", () -> deployment("juliet-gateway"));
        await("kilo", () -> deployment("kilo-gateway"));
        // What the StatefulSet controller would create from the claim templates.
        claim("data-juliet-mysql-0", "juliet", "mysql");
        claim("data-kilo-mysql-0", "kilo", "mysql");
        claim("data-kilo-mongodb-0", "kilo", "mongodb");

        client.resource(mock.imCluster(NS, "juliet")).delete();
        client.resource(mock.imCluster(NS, "kilo")).delete();
        org.awaitility.Awaitility.await("clusters gone").atMost(TIMEOUT)
                .until(() -> mock.imCluster(NS, "juliet") == null && mock.imCluster(NS, "kilo") == null);
        org.awaitility.Awaitility.await("kilo claims deleted").atMost(TIMEOUT).until(() ->
                client.persistentVolumeClaims().inNamespace(NS).withLabel(Meta.INSTANCE_LABEL, "kilo").list().getItems().isEmpty());
        assertNotNull(client.persistentVolumeClaims().inNamespace(NS).withName("data-juliet-mysql-0").get(),
                "claims are retained unless deleteClaim is true");
    }

    @Test
    void externalStoresAreReadFromTheUsersSecretsAndNotRun() {
        ImCluster cluster = TestClusters.cluster(NS, "lima");
        cluster.getSpec().getMysql().setMode(dev.parley.operator.crd.StoreMode.External);
        cluster.getSpec().getMysql().setSecretName("corp-mysql");
        cluster.getSpec().getKafka().setMode(dev.parley.operator.crd.StoreMode.External);
        cluster.getSpec().getKafka().setSecretName("corp-kafka");
        create(cluster);
        Deployment transfer = await("transfer", () -> deployment("lima-transfer"));
        var env = transfer.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertEquals("corp-mysql", env(env, "PARLEY_MYSQL_URL").getValueFrom().getSecretKeyRef().getName());
        assertEquals("bootstrapServers", env(env, "PARLEY_KAFKA_BOOTSTRAP_SERVERS").getValueFrom().getSecretKeyRef().getKey());
        assertNull(client.apps().statefulSets().inNamespace(NS).withName("lima-mysql").get());
        assertNotNull(client.apps().statefulSets().inNamespace(NS).withName("lima-mongodb").get());
        assertNull(mock.strimzi(StrimziResources.KAFKA, NS, "lima"));
        // The user's Secrets do not exist yet: say so instead of leaving pods unable to start.
        Condition degraded = awaitCondition("lima", Conditions.DEGRADED, "True");
        assertEquals(ExternalSecrets.MISSING, degraded.getReason());
        assertTrue(degraded.getMessage().contains("Secret corp-kafka for external kafka does not exist"), degraded.getMessage());
        assertFalse(mock.imCluster(NS, "lima").getStatus().getComponents().getMysql().readyNow());

        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("corp-kafka").endMetadata()
                .withStringData(Map.of("bootstrapServers", "kafka.corp:9092")).build()).create();
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("corp-mysql").endMetadata()
                .withStringData(Map.of("url", "jdbc:mysql://mysql.corp:3306/parley", "username", "parley", "password", "pw"))
                .build()).create();
        awaitCondition("lima", Conditions.DEGRADED, "False");
        ImCluster live = mock.imCluster(NS, "lima");
        assertTrue(live.getStatus().getComponents().getMysql().getExternal());
        assertTrue(live.getStatus().getComponents().getMysql().readyNow());
        assertTrue(live.getStatus().getComponents().getKafka().readyNow());
    }

    @Test
    void imageChangeRollsPodsAndRecordsAnEvent() {
        create(TestClusters.cluster(NS, "mike"));
        await("push", () -> deployment("mike-push"));
        edit("mike", c -> c.getSpec().getRuntime().setVersion("0.2.0"));
        org.awaitility.Awaitility.await("new image").atMost(TIMEOUT).until(() -> "parley/runtime:0.2.0".equals(
                deployment("mike-push").getSpec().getTemplate().getSpec().getContainers().get(0).getImage()));
        Event event = org.awaitility.Awaitility.await("ImageChanged event").atMost(TIMEOUT).until(() ->
                client.v1().events().inNamespace(NS).list().getItems().stream()
                        .filter(e -> "mike".equals(e.getInvolvedObject().getName()) && "ImageChanged".equals(e.getReason())
                                && e.getMessage().startsWith("Rolling push pods"))
                        .findFirst().orElse(null), e -> e != null);
        assertTrue(event.getMessage().contains("parley/runtime:0.1.0 -> parley/runtime:0.2.0"), event.getMessage());
    }

    // --- helpers ---

    private void makeEverythingReady(String cluster) {
        for (String store : List.of("-redis", "-mongodb", "-mysql")) {
            await(cluster + store, () -> client.apps().statefulSets().inNamespace(NS).withName(cluster + store).get());
            mock.statefulSetReady(NS, cluster + store);
        }
        for (String role : List.of("-gateway", "-transfer", "-push")) {
            await(cluster + role, () -> deployment(cluster + role));
            mock.deploymentReady(NS, cluster + role);
        }
        await("Kafka", () -> mock.strimzi(StrimziResources.KAFKA, NS, cluster));
        mock.kafkaReady(NS, cluster);
    }

    /** Edits like kubectl does: retried when the operator wrote the object in between (409). */
    private void edit(String name, Consumer<ImCluster> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.resources(ImCluster.class).inNamespace(NS).withName(name).edit(c -> {
                    change.accept(c);
                    return c;
                });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private void claim(String name, String cluster, String component) {
        client.persistentVolumeClaims().inNamespace(NS).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).withLabels(Map.of(Meta.INSTANCE_LABEL, cluster,
                        Meta.MANAGED_BY_LABEL, Meta.MANAGED_BY, Meta.COMPONENT_LABEL, component)).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                    .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec()
                .build()).create();
    }

    private static String configHash(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(Meta.CONFIG_HASH_ANNOTATION);
    }

    private void create(ImCluster cluster) {
        client.resource(cluster).create();
    }

    private Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private static <T> T await(String what, java.util.concurrent.Callable<T> lookup) {
        return org.awaitility.Awaitility.await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(lookup, value -> value != null);
    }

    private Condition awaitCondition(String cluster, String type, String status) {
        return org.awaitility.Awaitility.await(cluster + " " + type + "=" + status).atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> condition(cluster, type).filter(c -> status.equals(c.getStatus())).orElse(null),
                        c -> c != null);
    }

    private Optional<Condition> condition(String cluster, String type) {
        ImCluster live = mock.imCluster(NS, cluster);
        return live == null || live.getStatus() == null ? Optional.empty() : live.getStatus().condition(type);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> topicSpec(GenericKubernetesResource topic) {
        return (Map<String, Object>) topic.getAdditionalProperties().get("spec");
    }

    private static EnvVar env(List<EnvVar> env, String name) {
        return env.stream().filter(e -> name.equals(e.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static void assertOwned(HasMetadata object) {
        var owners = object.getMetadata().getOwnerReferences();
        assertEquals(1, owners.size(), object.getKind() + " " + object.getMetadata().getName() + " owner");
        assertEquals("ImCluster", owners.get(0).getKind());
        assertTrue(owners.get(0).getController());
    }
}
