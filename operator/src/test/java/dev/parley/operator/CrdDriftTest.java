package dev.parley.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The CRD users install is the one committed under crds/; it must be exactly what the Java model
 * generates. A Quarkus test, because the CRD is generated when the application is built for tests.
 * Run with -Dparley.crd.update=true to rewrite the committed file.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class CrdDriftTest {

    static final Path GENERATED = Path.of("target", "kubernetes", "imclusters.parley.dev-v1.yml");
    static final Path COMMITTED = Path.of("..", "crds", "imclusters.parley.dev-v1.yml");

    @Test
    void committedCrdMatchesTheGeneratedOne() throws IOException {
        assertTrue(Files.exists(GENERATED), "the build did not generate " + GENERATED.toAbsolutePath());
        String generated = Files.readString(GENERATED);
        if (Boolean.getBoolean("parley.crd.update")) {
            Files.writeString(COMMITTED, generated);
        }
        assertTrue(Files.exists(COMMITTED), "crds/imclusters.parley.dev-v1.yml is missing; " + HOW_TO_UPDATE);
        assertEquals(generated, Files.readString(COMMITTED),
                "crds/imclusters.parley.dev-v1.yml differs from the CRD generated from the ImCluster Java model; "
                        + HOW_TO_UPDATE);
    }

    static final String HOW_TO_UPDATE = "update it with `mvn -pl operator test -Dtest=CrdDriftTest -Dparley.crd.update=true` "
            + "(or copy operator/target/kubernetes/imclusters.parley.dev-v1.yml to crds/) and commit it.";
}
