package dev.parley.e2e.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's Helm chart, checked with the real helm: lint, render with default and non-default
 * values, the rendered built-in kinds against the Kubernetes schemas, RBAC against what the
 * reconciler declares, and the committed install bundle against a fresh render.
 */
class HelmChartTest {

    private static final Duration HELM = Duration.ofMinutes(2);
    private static final String NON_DEFAULT = "ci/namespaced-values.yaml";

    private static String defaultRender;
    private static String namespacedRender;
    private static List<JsonNode> defaults;
    private static List<JsonNode> namespaced;

    @BeforeAll
    static void render() {
        defaultRender = K8sTools.runOk(HELM, K8sTools.helm(), "template", "parley-operator",
                K8sTools.chart().toString(), "--namespace", "parley-system");
        namespacedRender = K8sTools.runOk(HELM, K8sTools.helm(), "template", "parley", K8sTools.chart().toString(),
                "--namespace", "ops", "-f", K8sTools.chart().resolve(NON_DEFAULT).toString());
        defaults = Manifests.parse(defaultRender);
        namespaced = Manifests.parse(namespacedRender);
    }

    @Test
    void lintsStrictWithDefaultAndNonDefaultValues() {
        K8sTools.runOk(HELM, K8sTools.helm(), "lint", "--strict", K8sTools.chart().toString());
        K8sTools.runOk(HELM, K8sTools.helm(), "lint", "--strict", K8sTools.chart().toString(),
                "-f", K8sTools.chart().resolve(NON_DEFAULT).toString());
    }

    @Test
    void renderedBuiltInKindsMatchTheKubernetesSchemas() {
        ObjectNode report = Manifests.validate(Manifests.write("default", defaultRender),
                Manifests.write("namespaced", namespacedRender));
        assertTrue(report.path("ok").asBoolean(), "rendered chart does not match the Kubernetes schemas: "
                + report.path("errors").toPrettyString());
        Set<String> kinds = new LinkedHashSet<>();
        report.path("validated").forEach(v -> kinds.add(v.path("kind").asText()));
        assertEquals(Set.of("ServiceAccount", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "Role",
                "RoleBinding", "Service", "Deployment"), kinds, "kinds validated against the Kubernetes schemas");
        List<String> skipped = new ArrayList<>();
        report.path("skipped").forEach(s -> skipped.add(s.path("kind").asText()));
        assertEquals(List.of("ServiceMonitor"), skipped, "only the Prometheus Operator's kind has no schema here");
    }

    @Test
    void defaultsInstallTheCrdClusterWideRbacAndOneOperator() {
        JsonNode crd = Manifests.one(defaults, "CustomResourceDefinition");
        assertEquals("keep", crd.at("/metadata/annotations/helm.sh~1resource-policy").asText(),
                "helm uninstall must not delete the CRD (and with it every ImCluster)");
        assertEquals(2, Manifests.ofKind(defaults, "ClusterRole").size());
        assertEquals(2, Manifests.ofKind(defaults, "ClusterRoleBinding").size());
        assertTrue(Manifests.ofKind(defaults, "Role").isEmpty());
        assertTrue(Manifests.ofKind(defaults, "ServiceMonitor").isEmpty());

        JsonNode deployment = Manifests.one(defaults, "Deployment");
        assertEquals(1, deployment.at("/spec/replicas").asInt(), "no leader election: exactly one operator");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertEquals("parley/operator:0.1.0", container.path("image").asText());
        assertEquals("IfNotPresent", container.path("imagePullPolicy").asText());
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertFalse(Manifests.env(deployment).containsKey("QUARKUS_OPERATOR_SDK_NAMESPACES"), "all namespaces by default");
        assertEquals("parley-operator", deployment.at("/spec/template/spec/serviceAccountName").asText());
    }

    @Test
    void renderedCrdIsTheCommittedCrd() throws IOException {
        JsonNode rendered = Manifests.one(defaults, "CustomResourceDefinition").deepCopy();
        JsonNode committed = Manifests.parse(K8sTools.repo().resolve("crds/imclusters.parley.dev-v1.yml")).get(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) rendered.get("metadata")).remove(List.of("labels", "annotations"));
        assertEquals(committed, rendered, "the chart's CRD differs from crds/: run dev/manifests.sh");
        assertEquals(Files.readString(K8sTools.repo().resolve("crds/imclusters.parley.dev-v1.yml")),
                Files.readString(K8sTools.chart().resolve("files/crds/imclusters.parley.dev-v1.yml")),
                "helm/parley-operator/files/crds is stale: run dev/manifests.sh");
    }

    @Test
    void watchNamespacesGivesARoleAndBindingPerNamespaceAndTellsTheOperator() {
        Set<String> roleNamespaces = new LinkedHashSet<>();
        Manifests.ofKind(namespaced, "Role").forEach(r -> roleNamespaces.add(r.at("/metadata/namespace").asText()));
        Set<String> bindingNamespaces = new LinkedHashSet<>();
        Manifests.ofKind(namespaced, "RoleBinding").forEach(b -> {
            bindingNamespaces.add(b.at("/metadata/namespace").asText());
            assertEquals("parley-operator-sa", b.at("/subjects/0/name").asText());
            assertEquals("ops", b.at("/subjects/0/namespace").asText());
        });
        assertEquals(Set.of("chat-prod", "chat-staging"), roleNamespaces);
        assertEquals(Set.of("chat-prod", "chat-staging"), bindingNamespaces);

        // Cluster-wide, only the read of the four CRDs remains.
        List<JsonNode> clusterRoles = Manifests.ofKind(namespaced, "ClusterRole");
        assertEquals(1, clusterRoles.size());
        assertEquals(List.of("customresourcedefinitions"), Manifests.texts(clusterRoles.get(0).at("/rules/0/resources")));
        assertEquals(List.of("get"), Manifests.texts(clusterRoles.get(0).at("/rules/0/verbs")));

        JsonNode deployment = Manifests.one(namespaced, "Deployment");
        Map<String, String> env = Manifests.env(deployment);
        assertEquals("chat-prod,chat-staging", env.get("QUARKUS_OPERATOR_SDK_NAMESPACES"));
        assertEquals("30s", env.get("PARLEY_OPERATOR_REQUEUE_INTERVAL"));
        assertEquals("DEBUG", env.get("QUARKUS_LOG_LEVEL"));
        assertEquals("UTC", env.get("TZ"));
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertEquals("registry.example.com/parley/operator:0.1.0-rc1", container.path("image").asText());
        assertEquals("Always", container.path("imagePullPolicy").asText());
        assertEquals("768Mi", container.at("/resources/limits/memory").asText());
    }

    @Test
    void crdAndServiceMonitorFollowTheirValues() {
        assertTrue(Manifests.ofKind(namespaced, "CustomResourceDefinition").isEmpty(), "crds.install=false");
        JsonNode monitor = Manifests.one(namespaced, "ServiceMonitor");
        assertEquals("prometheus", monitor.at("/metadata/labels/release").asText());
        assertEquals("/q/metrics", monitor.at("/spec/endpoints/0/path").asText());
        assertEquals("http", monitor.at("/spec/endpoints/0/port").asText());
        JsonNode service = Manifests.one(namespaced, "Service");
        assertEquals(9090, service.at("/spec/ports/0/port").asInt());
        assertEquals("http", service.at("/spec/ports/0/name").asText());

        K8sTools.Result orphan = K8sTools.run(HELM, List.of(K8sTools.helm(), "template", "p", K8sTools.chart().toString(),
                "--set", "metrics.service.enabled=false", "--set", "metrics.serviceMonitor.enabled=true"));
        assertNotEquals(0, orphan.exit(), "a ServiceMonitor without its Service must not render");
        assertTrue(orphan.stderr().contains("metrics.serviceMonitor.enabled needs metrics.service.enabled"), orphan.stderr());
    }

    /**
     * Every (apiGroup, resource) the reconciler declares with @RBACRule is granted by the chart, so a
     * new owned kind cannot ship without its permission. The chart's verbs are the subset the code
     * uses (e.g. no delete of owned objects: owner references do that).
     */
    @Test
    void rbacGrantsEveryResourceTheReconcilerDeclares() throws IOException {
        Set<String> declared = declaredResources();
        assertTrue(declared.size() >= 10, "could not read the @RBACRule annotations of ImClusterReconciler: " + declared);
        Set<String> granted = new LinkedHashSet<>();
        for (JsonNode role : Manifests.ofKind(defaults, "ClusterRole")) {
            for (JsonNode rule : role.path("rules")) {
                for (String group : Manifests.texts(rule.path("apiGroups"))) {
                    for (String resource : Manifests.texts(rule.path("resources"))) {
                        granted.add(group + "/" + resource);
                    }
                }
            }
        }
        Set<String> missing = new LinkedHashSet<>(declared);
        missing.removeAll(granted);
        assertTrue(missing.isEmpty(), "the chart grants nothing on " + missing + ", which the reconciler declares");
        assertTrue(granted.containsAll(Set.of("parley.dev/imclusters", "parley.dev/imclusters/status",
                "parley.dev/imclusters/finalizers")), "the operator's own resource, its status and finalizer: " + granted);
    }

    @Test
    void rbacLetsTheOperatorDeleteClaimsByLabel() {
        // cleanup() deletes the claims of a deleteClaim cluster with one label-selected DELETE on the collection.
        JsonNode rules = Manifests.ofKind(defaults, "ClusterRole").stream()
                .filter(r -> r.at("/metadata/name").asText().equals("parley-operator")).findFirst().orElseThrow()
                .path("rules");
        boolean found = false;
        for (JsonNode rule : rules) {
            if (Manifests.texts(rule.path("resources")).contains("persistentvolumeclaims")) {
                assertTrue(Manifests.texts(rule.path("verbs")).containsAll(List.of("list", "deletecollection")));
                found = true;
            }
        }
        assertTrue(found, "no rule for persistentvolumeclaims");
    }

    @Test
    void installBundleIsTheFreshRenderOfTheDefaults() throws IOException {
        String fresh = K8sTools.runOk(HELM, "bash", K8sTools.repo().resolve("dev/manifests.sh").toString(), "--print");
        String committed = Files.readString(K8sTools.repo().resolve("manifests/install.yaml"));
        assertEquals(fresh, committed, "manifests/install.yaml is stale: run dev/manifests.sh and commit it");
        List<JsonNode> bundle = Manifests.parse(committed);
        assertEquals("parley-system", Manifests.one(bundle, "Namespace").at("/metadata/name").asText());
        assertEquals(1, Manifests.ofKind(bundle, "CustomResourceDefinition").size());
        ObjectNode report = Manifests.validate(K8sTools.repo().resolve("manifests/install.yaml"));
        assertTrue(report.path("ok").asBoolean(), report.path("errors").toPrettyString());
    }

    /** group/resource pairs of every @RBACRule on the reconciler, read from its source. */
    private static Set<String> declaredResources() throws IOException {
        Path source = K8sTools.repo().resolve(
                "operator/src/main/java/dev/parley/operator/reconciler/ImClusterReconciler.java");
        String text = Files.readString(source);
        Set<String> pairs = new LinkedHashSet<>();
        Matcher rule = Pattern.compile("@RBACRule\\((.*?)verbs", Pattern.DOTALL).matcher(text);
        while (rule.find()) {
            String body = rule.group(1);
            Matcher group = Pattern.compile("apiGroups\\s*=\\s*\"([^\"]*)\"").matcher(body);
            Matcher resources = Pattern.compile("resources\\s*=\\s*(\\{[^}]*}|\"[^\"]*\")").matcher(body);
            if (group.find() && resources.find()) {
                Matcher each = Pattern.compile("\"([^\"]+)\"").matcher(resources.group(1));
                while (each.find()) {
                    pairs.add(group.group(1) + "/" + each.group(1));
                }
            }
        }
        return pairs;
    }
}
