package dev.parley.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.operator.TestClusters;
import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.crd.StoreMode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalSecretsTest {

    private final ImCluster cluster = TestClusters.stored("alpha");

    private static Secret secret(Map<String, String> data) {
        return new SecretBuilder().withNewMetadata().withName("corp").endMetadata().withStringData(data).build();
    }

    @Test
    void managedSectionsNeedNoSecrets() {
        assertTrue(ExternalSecrets.requirements(cluster.getSpec()).isEmpty());
    }

    @Test
    void eachExternalSectionNeedsTheKeysTheRuntimeReads() {
        cluster.getSpec().getKafka().setMode(StoreMode.External);
        cluster.getSpec().getKafka().setSecretName("corp-kafka");
        cluster.getSpec().getMysql().setMode(StoreMode.External);
        cluster.getSpec().getMysql().setSecretName("corp-mysql");
        assertEquals(List.of(new ExternalSecrets.Requirement("kafka", "corp-kafka", List.of("bootstrapServers")),
                        new ExternalSecrets.Requirement("mysql", "corp-mysql", List.of("url", "username", "password"))),
                ExternalSecrets.requirements(cluster.getSpec()));
    }

    @Test
    void missingSecretOrKeysAreProblemsThatSayWhatToCreate() {
        var mysql = new ExternalSecrets.Requirement("mysql", "corp", List.of("url", "username", "password"));
        Problem absent = ExternalSecrets.problem(mysql, null).orElseThrow();
        assertEquals(ExternalSecrets.MISSING, absent.reason());
        assertTrue(absent.message().contains("Secret corp for external mysql does not exist"), absent.message());
        Problem partial = ExternalSecrets.problem(mysql, secret(Map.of("url", "jdbc:mysql://db/parley"))).orElseThrow();
        assertTrue(partial.message().contains("lacks keys [username, password]"), partial.message());
        assertTrue(ExternalSecrets.problem(mysql, secret(Map.of("url", "u", "username", "n", "password", "p"))).isEmpty());
    }
}
