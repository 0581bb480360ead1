package dev.parley.e2e.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.e2e.install.K8sTools;
import dev.parley.operator.crd.ImCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Parley on a real Kubernetes cluster, the way a platform team installs it: Strimzi, the operator
 * with Helm, the minimal sample, then the OpenIM SDK chat scenarios through the gateway, scaling,
 * a config roll, more partitions, and deletion that keeps the data.
 *
 * <p>Opt-in, because it installs things cluster-wide: it runs only when PARLEY_E2E_KUBE_CONTEXT
 * names a reachable kube context (e2e/kind.sh creates a kind cluster, loads the images and sets
 * it). Without one every test is skipped with that hint.
 *
 * <p>Settings (environment): PARLEY_E2E_KUBE_CONTEXT (required), PARLEY_E2E_NAMESPACE (default
 * parley-e2e), PARLEY_E2E_OPERATOR_IMAGE (default parley/operator:0.1.0), PARLEY_E2E_STRIMZI_CHART
 * (a Strimzi Helm chart reference or .tgz URL, default the 0.51.0 release),
 * PARLEY_E2E_READY_TIMEOUT (ISO-8601, default PT15M).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KindClusterTest {

    private static final String HOW_TO_RUN = "no Kubernetes cluster for the e2e suite: run e2e/kind.sh on a machine with "
            + "Docker and kind (it creates a cluster, builds and loads the images and runs this suite), or set "
            + "PARLEY_E2E_KUBE_CONTEXT to the kube context of a disposable cluster that has the Parley images";
    private static final String CLUSTER = "parley";
    private static final String OPERATOR_NAMESPACE = "parley-system";
    private static final String STRIMZI_NAMESPACE = "strimzi";
    private static final String DEFAULT_STRIMZI_CHART = "https://github.com/strimzi/strimzi-kafka-operator/releases/"
            + "download/0.51.0/strimzi-kafka-operator-helm-3-chart-0.51.0.tgz";
    private static final ResourceDefinitionContext KAFKA_TOPIC = new ResourceDefinitionContext.Builder()
            .withGroup("kafka.strimzi.io").withVersion("v1").withKind("KafkaTopic").withPlural("kafkatopics")
            .withNamespaced(true).build();
    private static final Duration HELM = Duration.ofMinutes(10);

    private final String context = System.getenv("PARLEY_E2E_KUBE_CONTEXT");
    private final String namespace = env("PARLEY_E2E_NAMESPACE", "parley-e2e");
    private final String operatorImage = env("PARLEY_E2E_OPERATOR_IMAGE", "parley/operator:0.1.0");
    private final String strimziChart = env("PARLEY_E2E_STRIMZI_CHART", DEFAULT_STRIMZI_CHART);
    private final Duration readyTimeout = Duration.parse(env("PARLEY_E2E_READY_TIMEOUT", "PT15M"));

    private KubernetesClient client;

    /** Why the suite cannot run here, or null; every test is skipped with it (so reports show it). */
    private String skipReason;

    @BeforeAll
    void connect() {
        if (context == null || context.isBlank()) {
            skipReason = HOW_TO_RUN;
            return;
        }
        client = new KubernetesClientBuilder().withConfig(Config.autoConfigure(context)).build();
        try {
            client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            client.close();
            client = null;
            skipReason = "kube context " + context + " is not reachable (" + e.getMessage() + "); " + HOW_TO_RUN;
        }
    }

    @BeforeEach
    void needsACluster() {
        assumeTrue(skipReason == null, skipReason);
    }

    @AfterAll
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    @Order(1)
    void installsStrimziAndTheOperatorWithHelm() {
        helm("upgrade", "--install", "strimzi", strimziChart, "--namespace", STRIMZI_NAMESPACE, "--create-namespace",
                "--set", "watchAnyNamespace=true", "--wait", "--timeout", "10m");
        int colon = operatorImage.lastIndexOf(':');
        helm("upgrade", "--install", "parley-operator", K8sTools.chart().toString(), "--namespace", OPERATOR_NAMESPACE,
                "--create-namespace", "--set", "image.repository=" + operatorImage.substring(0, colon),
                "--set", "image.tag=" + operatorImage.substring(colon + 1), "--set", "image.pullPolicy=IfNotPresent",
                "--wait", "--timeout", "5m");
        Deployment operator = client.apps().deployments().inNamespace(OPERATOR_NAMESPACE).withName("parley-operator").get();
        assertEquals(1, Objects.requireNonNullElse(operator.getStatus().getReadyReplicas(), 0), "operator ready");
        assertTrue(client.apiextensions().v1().customResourceDefinitions().withName("imclusters.parley.dev").get() != null);
    }

    @Test
    @Order(2)
    void minimalSampleBecomesReady() throws Exception {
        storageClassesOfTheSample();
        if (client.namespaces().withName(namespace).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                    .create();
        }
        ImCluster sample = client.resources(ImCluster.class)
                .load(K8sTools.repo().resolve("manifests/samples/minimal.yaml").toFile()).item();
        assertEquals(CLUSTER, sample.getMetadata().getName());
        sample.getMetadata().setNamespace(namespace);
        imCluster().delete();
        await("ImCluster deleted from an earlier run", Duration.ofMinutes(2), () -> imCluster().get() == null);
        client.resources(ImCluster.class).inNamespace(namespace).resource(sample).create();
        awaitReady();
        ImCluster ready = imCluster().get();
        assertEquals(1, ready.getStatus().getComponents().getGateway().getReadyReplicas());
        assertEquals(ready.getMetadata().getGeneration(), ready.getStatus().getObservedGeneration());
    }

    @Test
    @Order(3)
    void sdkScenariosChatThroughTheGateway() throws Exception {
        chat();
    }

    @Test
    @Order(4)
    void scalingTheGatewayFromOneToThreeKeepsChatWorking() throws Exception {
        imCluster().edit(c -> {
            c.getSpec().getGateway().setReplicas(3);
            return c;
        });
        awaitReady();
        await("three gateway pods ready", readyTimeout,
                () -> readyReplicas("parley-gateway") == 3
                        && imCluster().get().getStatus().getComponents().getGateway().getReadyReplicas() == 3);
        chat();
    }

    @Test
    @Order(5)
    void aConfigChangeRollsThePodsAndSaysWhy() throws Exception {
        String before = configHash("parley-gateway");
        Set<String> podsBefore = gatewayPods();
        imCluster().edit(c -> {
            c.getSpec().setLargeGroupThreshold(c.getSpec().getLargeGroupThreshold() + 100);
            return c;
        });
        await("a new config hash on the gateway pod template", readyTimeout,
                () -> !Objects.equals(before, configHash("parley-gateway")));
        await("every gateway pod replaced and ready", readyTimeout, () -> {
            Set<String> now = gatewayPods();
            return now.size() == 3 && now.stream().noneMatch(podsBefore::contains) && readyReplicas("parley-gateway") == 3;
        });
        awaitReady();
        boolean recorded = client.v1().events().inNamespace(namespace).list().getItems().stream()
                .anyMatch(e -> "ConfigChanged".equals(e.getReason())
                        && CLUSTER.equals(e.getInvolvedObject().getName()));
        assertTrue(recorded, "an Event with reason ConfigChanged on the ImCluster");
        chat();
    }

    @Test
    @Order(6)
    void partitionsGrowAndNeverShrink() {
        int before = imCluster().get().getSpec().getKafka().getPartitions();
        int raised = before + 4;
        imCluster().edit(c -> {
            c.getSpec().getKafka().setPartitions(raised);
            return c;
        });
        await("KafkaTopic " + CLUSTER + "-messages with " + raised + " partitions", readyTimeout, () -> {
            GenericKubernetesResource topic = client.genericKubernetesResources(KAFKA_TOPIC).inNamespace(namespace)
                    .withName(CLUSTER + "-messages").get();
            Object partitions = topic == null ? null : ((Map<?, ?>) topic.getAdditionalProperties().get("spec")).get("partitions");
            return partitions != null && ((Number) partitions).intValue() == raised;
        });
        await("status.partitions " + raised, readyTimeout,
                () -> Objects.equals(raised, imCluster().get().getStatus().getPartitions()));
        // The CRD's CEL rule refuses a decrease before it reaches the operator.
        KubernetesClientException refused = assertThrows(KubernetesClientException.class, () -> imCluster().edit(c -> {
            c.getSpec().getKafka().setPartitions(before);
            return c;
        }));
        assertEquals(422, refused.getCode(), refused.getMessage());
        assertTrue(refused.getMessage().contains("may only grow"), refused.getMessage());
    }

    @Test
    @Order(7)
    void deletingTheClusterKeepsTheDataClaims() {
        List<String> claims = storeClaims();
        assertEquals(3, claims.size(), "one claim per managed store (Redis, MongoDB, MySQL): " + claims);
        imCluster().delete();
        await("ImCluster gone", Duration.ofMinutes(5), () -> imCluster().get() == null);
        await("the runtime Deployments garbage-collected", Duration.ofMinutes(5),
                () -> client.apps().deployments().inNamespace(namespace).withName("parley-gateway").get() == null);
        assertEquals(claims, storeClaims(), "deleteClaim is false: the claims outlive the cluster");
    }

    // --- helpers ---

    /** Runs both SDK scenarios against a fresh port-forward of the gateway Service. */
    private void chat() throws Exception {
        Path sdk = K8sTools.repo().resolve("e2e/sdk");
        if (!Files.isDirectory(sdk.resolve("node_modules/@openim/client-sdk"))) {
            fail("the OpenIM SDK is not installed: run (cd e2e/sdk && npm ci)");
        }
        String adminSecret = new String(Base64.getDecoder().decode(client.secrets().inNamespace(namespace)
                .withName(CLUSTER + "-credentials").get().getData().get("admin-secret")), StandardCharsets.UTF_8);
        try (LocalPortForward forward = client.services().inNamespace(namespace).withName("parley-gateway")
                .portForward(10001)) {
            String base = "127.0.0.1:" + forward.getLocalPort();
            for (String scenario : List.of("chat-1to1.mjs", "chat-group.mjs")) {
                K8sTools.Result result = K8sTools.run(Duration.ofMinutes(5), List.of("node",
                        sdk.resolve(scenario).toString(), "--api", "http://" + base, "--ws", "ws://" + base,
                        "--secret", adminSecret, "--timeout", "120"));
                assertEquals(0, result.exit(), scenario + " failed: " + result.stdout() + "\n" + tail(result.stderr()));
            }
        }
    }

    /** The sample's default classes; kind has only "standard", so both are its local-path provisioner. */
    private void storageClassesOfTheSample() {
        String provisioner = client.storage().v1().storageClasses().list().getItems().stream()
                .map(c -> c.getProvisioner()).findFirst().orElse("rancher.io/local-path");
        for (String name : List.of("ssd", "hdd")) {
            if (client.storage().v1().storageClasses().withName(name).get() == null) {
                client.storage().v1().storageClasses().resource(new StorageClassBuilder()
                        .withNewMetadata().withName(name).endMetadata()
                        .withProvisioner(provisioner).withVolumeBindingMode("WaitForFirstConsumer")
                        .withReclaimPolicy("Delete").build()).create();
            }
        }
    }

    private Resource<ImCluster> imCluster() {
        return client.resources(ImCluster.class).inNamespace(namespace).withName(CLUSTER);
    }

    private void awaitReady() {
        await("ImCluster Ready for its current generation", readyTimeout, () -> {
            ImCluster c = imCluster().get();
            return c != null && c.getStatus() != null
                    && Objects.equals(c.getMetadata().getGeneration(), c.getStatus().getObservedGeneration())
                    && c.getStatus().condition("Ready").map(r -> "True".equals(r.getStatus())).orElse(false);
        });
    }

    private int readyReplicas(String deployment) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
        return d == null || d.getStatus() == null ? 0 : Objects.requireNonNullElse(d.getStatus().getReadyReplicas(), 0);
    }

    private String configHash(String deployment) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
        Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get("parley.dev/config-hash");
    }

    private Set<String> gatewayPods() {
        return client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/instance", CLUSTER)
                .withLabel("app.kubernetes.io/component", "gateway").list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }

    private List<String> storeClaims() {
        return client.persistentVolumeClaims().inNamespace(namespace).withLabel("app.kubernetes.io/instance", CLUSTER)
                .withLabel("app.kubernetes.io/managed-by", "parley-operator").list().getItems().stream()
                .map(PersistentVolumeClaim::getMetadata).map(m -> m.getName()).sorted().toList();
    }

    private void helm(String... args) {
        List<String> command = K8sTools.command(K8sTools.helm(), List.of(args));
        command.addAll(List.of("--kube-context", context));
        K8sTools.runOk(HELM, command.toArray(String[]::new));
    }

    /** Polls until the condition holds; on timeout fails with the ImCluster's status and recent events. */
    private void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (KubernetesClientException | NullPointerException e) {
                // not there yet
            }
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
        fail("timed out after " + timeout + " waiting for " + what + "\n" + diagnostics());
    }

    private String diagnostics() {
        StringBuilder out = new StringBuilder();
        ImCluster c = imCluster().get();
        out.append("ImCluster status: ").append(c == null ? "(gone)" : client.getKubernetesSerialization().asYaml(c.getStatus()));
        out.append("\npods:\n");
        for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
            out.append("  ").append(pod.getMetadata().getName()).append(' ').append(pod.getStatus().getPhase()).append('\n');
        }
        out.append("events:\n");
        client.v1().events().inNamespace(namespace).list().getItems().stream()
                .skip(Math.max(0, client.v1().events().inNamespace(namespace).list().getItems().size() - 20))
                .forEach(e -> out.append("  ").append(e.getReason()).append(": ").append(e.getMessage()).append('\n'));
        return out.toString();
    }

    private static String tail(String text) {
        return text.length() > 4000 ? "…" + text.substring(text.length() - 4000) : text;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
