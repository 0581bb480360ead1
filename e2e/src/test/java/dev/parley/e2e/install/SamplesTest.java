package dev.parley.e2e.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.crd.ImClusterSpec;
import dev.parley.operator.crd.StoreMode;
import dev.parley.operator.crd.StoreSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample ImClusters under manifests/samples: accepted by the operator's own model (strictly:
 * an unknown field fails) and by the committed CRD's schema and CEL rules.
 */
class SamplesTest {

    private static final Path MINIMAL = K8sTools.repo().resolve("manifests/samples/minimal.yaml");
    private static final Path PRODUCTION = K8sTools.repo().resolve("manifests/samples/production.yaml");

    /** The operator's model with nothing tolerated: a misspelt field fails instead of being dropped. */
    private static final ObjectMapper STRICT = new YAMLMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void minimalSampleIsAnAllManagedImCluster() {
        ImCluster cluster = imCluster(MINIMAL);
        ImClusterSpec spec = cluster.getSpec();
        assertEquals("parley", cluster.getMetadata().getName());
        assertEquals(1, spec.getGateway().getReplicas());
        assertTrue(spec.getKafka().managed());
        for (StoreSpec store : List.of(spec.getRedis(), spec.getMongodb(), spec.getMysql())) {
            assertEquals(StoreMode.Managed, store.getMode());
        }
        assertEquals("ssd", spec.getMongodb().getStorageClassName());
        assertEquals("hdd", spec.getMysql().getStorageClassName());
    }

    @Test
    void productionSampleUsesExternalServicesThroughSecretsWithTheKeysTheOperatorReads() {
        ImClusterSpec spec = imCluster(PRODUCTION).getSpec();
        assertFalse(spec.getKafka().managed());
        Map<String, String> secretOf = Map.of(
                "kafka", spec.getKafka().getSecretName(),
                "redis", spec.getRedis().getSecretName(),
                "mongodb", spec.getMongodb().getSecretName(),
                "mysql", spec.getMysql().getSecretName());
        for (StoreSpec store : List.of(spec.getRedis(), spec.getMongodb(), spec.getMysql())) {
            assertEquals(StoreMode.External, store.getMode());
        }
        Map<String, List<String>> keys = Map.of(
                "kafka", List.of("bootstrapServers"),
                "redis", List.of("url"),
                "mongodb", List.of("url"),
                "mysql", List.of("url", "username", "password"));
        List<JsonNode> secrets = Manifests.ofKind(Manifests.parse(PRODUCTION), "Secret");
        keys.forEach((section, required) -> {
            String name = secretOf.get(section);
            assertNotNull(name, section + ".secretName");
            JsonNode secret = secrets.stream().filter(s -> name.equals(s.at("/metadata/name").asText())).findFirst()
                    .orElseGet(() -> fail("production.yaml has no Secret " + name + " for " + section));
            for (String key : required) {
                assertFalse(secret.at("/stringData/" + key).asText().isBlank(), "Secret " + name + " lacks key " + key);
            }
        });
        assertTrue(spec.getKafka().getPartitions() > 8, "production raises the partitions");
        assertEquals("365d", spec.getRetention().getCold());
    }

    @Test
    void samplesPassTheCrdSchemaAndItsCelRules() {
        ObjectNode report = Manifests.validate(MINIMAL, PRODUCTION);
        assertTrue(report.path("ok").asBoolean(), "samples rejected: " + report.path("errors").toPrettyString());
        long checkedAgainstCrd = 0;
        for (JsonNode v : report.path("validated")) {
            if ("crd".equals(v.path("against").asText())) {
                checkedAgainstCrd++;
                assertTrue(v.path("celNotEvaluated").isEmpty(), "CEL rules the check cannot evaluate: " + v);
            }
        }
        assertEquals(2, checkedAgainstCrd, "one ImCluster per sample");
        assertTrue(report.path("skipped").isEmpty(), report.path("skipped").toString());
    }

    /** The schema check is not vacuous: it rejects what the API server would. */
    @Test
    void schemaCheckRejectsUnknownFieldsBadValuesAndExternalWithoutSecret() {
        Path bad = Manifests.write("bad-imcluster", """
                apiVersion: parley.dev/v1alpha1
                kind: ImCluster
                metadata: {name: bad}
                spec:
                  gatway: {replicas: 1}
                  transfer: {replicas: -1}
                  redis: {mode: External}
                  retention: {hot: 7days}
                """);
        ObjectNode report = Manifests.validate(bad);
        assertFalse(report.path("ok").asBoolean());
        String errors = report.path("errors").toString();
        for (String expected : List.of("'gatway'", "replicas must be >= 0",
                "redis.secretName is required when redis.mode is External", "/spec/retention/hot")) {
            assertTrue(errors.contains(expected), "expected an error about " + expected + " in " + errors);
        }
    }

    private static ImCluster imCluster(Path file) {
        List<JsonNode> clusters = Manifests.ofKind(Manifests.parse(file), "ImCluster");
        assertEquals(1, clusters.size(), file + " holds one ImCluster");
        JsonNode node = clusters.get(0);
        assertEquals(ImCluster.GROUP + "/" + ImCluster.VERSION, node.path("apiVersion").asText());
        try {
            STRICT.treeToValue(node.path("spec"), ImClusterSpec.class);
        } catch (Exception e) {
            fail(file.getFileName() + ": spec is not accepted by the operator's model: " + e.getMessage());
        }
        return new KubernetesSerialization().convertValue(node, ImCluster.class);
    }
}
