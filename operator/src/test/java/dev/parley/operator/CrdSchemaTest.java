package dev.parley.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the committed CRD promises users: descriptions, CEL rules, defaults and printer columns. */
class CrdSchemaTest {

    /** Kubernetes' own types, whose generated schema carries no descriptions. */
    private static final Set<String> FOREIGN = Set.of("resources", "conditions");

    private final CustomResourceDefinitionVersion version = load().getSpec().getVersions().get(0);
    private final JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");

    private static CustomResourceDefinition load() {
        try {
            return new KubernetesSerialization().unmarshal(
                    Files.readString(Path.of("..", "crds", "imclusters.parley.dev-v1.yml")), CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void isNamespacedParleyDevV1alpha1WithAStatusSubresource() {
        CustomResourceDefinition crd = load();
        assertEquals("parley.dev", crd.getSpec().getGroup());
        assertEquals("Namespaced", crd.getSpec().getScope());
        assertEquals("v1alpha1", version.getName());
        assertTrue(version.getSubresources().getStatus() != null);
    }

    @Test
    void everyOwnFieldHasADescription() {
        List<String> missing = new ArrayList<>();
        JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
        collectUndescribed("spec", root.getProperties().get("spec"), missing);
        collectUndescribed("status", root.getProperties().get("status"), missing);
        assertTrue(missing.isEmpty(), "fields without a description: " + missing);
    }

    @Test
    void celRulesGuardPartitionsStorageClassesReplicasAndExternalSecrets() {
        assertRule(spec.getProperties().get("kafka").getProperties().get("partitions"), "self >= oldSelf");
        for (String store : List.of("redis", "mongodb", "mysql", "kafka")) {
            assertRule(spec.getProperties().get(store).getProperties().get("storageClassName"), "self == oldSelf");
            assertTrue(rules(spec.getProperties().get(store)).stream().anyMatch(r -> r.contains("'External'")
                    && r.contains("has(self.secretName)")), store + " external secret rule");
        }
        for (String role : List.of("gateway", "transfer", "push")) {
            assertRule(spec.getProperties().get(role).getProperties().get("replicas"), "self >= 0");
        }
    }

    @Test
    void mongodbDefaultsToAnSsdClassAndMysqlToAnHddClass() {
        assertEquals("\"ssd\"", spec.getProperties().get("mongodb").getProperties().get("storageClassName").getDefault().toString());
        assertEquals("\"hdd\"", spec.getProperties().get("mysql").getProperties().get("storageClassName").getDefault().toString());
    }

    @Test
    void printerColumnsShowReadyGatewayPartitionsAndAge() {
        Map<String, String> columns = new java.util.HashMap<>();
        version.getAdditionalPrinterColumns().forEach(c -> columns.put(c.getName(), c.getJsonPath()));
        assertEquals(".status.conditions[?(@.type==\"Ready\")].status", columns.get("Ready"));
        assertEquals(".status.components.gateway.readyReplicas", columns.get("Gateway"));
        assertEquals(".status.partitions", columns.get("Partitions"));
        assertEquals(".metadata.creationTimestamp", columns.get("Age"));
    }

    private static void collectUndescribed(String path, JSONSchemaProps schema, List<String> missing) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, property) -> {
            if (property.getDescription() == null || property.getDescription().isBlank()) {
                missing.add(path + "." + name);
            }
            if (!FOREIGN.contains(name)) {
                collectUndescribed(path + "." + name, property, missing);
            }
        });
    }

    private static List<String> rules(JSONSchemaProps schema) {
        return schema.getXKubernetesValidations() == null ? List.of()
                : schema.getXKubernetesValidations().stream().map(ValidationRule::getRule).toList();
    }

    private static void assertRule(JSONSchemaProps schema, String rule) {
        assertTrue(rules(schema).contains(rule), "expected CEL rule " + rule + " in " + rules(schema));
    }
}
