package dev.parley.e2e.install;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** Multi-document YAML as JSON trees, and the offline schema check of e2e/src/test/node. */
final class Manifests {

    static final ObjectMapper YAML = new YAMLMapper();

    private Manifests() {
    }

    static List<JsonNode> parse(String yaml) {
        try (var parser = new YAMLFactory().createParser(yaml)) {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(node);
                }
            });
            return documents;
        } catch (IOException e) {
            return fail("not valid YAML: " + e.getMessage());
        }
    }

    static List<JsonNode> parse(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            return fail("cannot read " + file + ": " + e.getMessage());
        }
    }

    static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static JsonNode one(List<JsonNode> documents, String kind) {
        List<JsonNode> found = ofKind(documents, kind);
        if (found.size() != 1) {
            fail("expected exactly one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The container env of a Deployment as name -> value. */
    static java.util.Map<String, String> env(JsonNode deployment) {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        for (JsonNode var : deployment.at("/spec/template/spec/containers/0/env")) {
            env.put(var.path("name").asText(), var.path("value").asText());
        }
        return env;
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /**
     * Runs validate-manifests.mjs over the files (built-in kinds against the Kubernetes schemas, the
     * ImCluster against the committed CRD) and returns its JSON report.
     */
    static ObjectNode validate(Path... files) {
        List<String> command = new ArrayList<>(List.of("node",
                K8sTools.repo().resolve("e2e/src/test/node/validate-manifests.mjs").toString(),
                "--tools", K8sTools.tools().toString(),
                "--crd", K8sTools.repo().resolve("crds/imclusters.parley.dev-v1.yml").toString()));
        for (Path file : files) {
            command.add(file.toString());
        }
        K8sTools.Result result = K8sTools.run(Duration.ofMinutes(2), command);
        if (result.exit() == 2 || result.stdout().isBlank()) {
            fail("the schema check could not run (exit " + result.exit() + "): " + result.stderr());
        }
        try {
            return (ObjectNode) new ObjectMapper().readTree(result.stdout());
        } catch (IOException e) {
            return fail("the schema check printed no JSON report: " + result.stdout() + result.stderr());
        }
    }

    static Path write(String prefix, String content) {
        try {
            Path file = Files.createTempFile(prefix, ".yaml");
            Files.writeString(file, content);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            return fail("cannot write a temporary file: " + e.getMessage());
        }
    }
}
