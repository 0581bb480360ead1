package dev.parley.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.runtime.support.ImTestBase;
import dev.parley.runtime.support.ParleyTestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real OpenIM JS SDK (@openim/client-sdk 0.0.14 on Node) against this runtime: the scenarios
 * live in e2e/sdk, where the kind e2e suite runs them too.
 */
@QuarkusTest
@QuarkusTestResource(value = ParleyTestStack.class, restrictToAnnotatedClass = false)
class SdkInteropTest extends ImTestBase {

    @Test
    void sdkChatsOneToOneAndResyncsAfterReconnect() throws Exception {
        String output = runScenario("chat-1to1.mjs");
        assertTrue(output.contains("\"ok\":true"), output);
    }

    @Test
    void sdkGroupChatReachesMembersOnceAndHidesHistoryFromLateJoinersAndOutsiders() throws Exception {
        String output = runScenario("chat-group.mjs");
        assertTrue(output.contains("\"ok\":true"), output);
    }

    static Path sdkDir() {
        Path dir = Path.of("..", "e2e", "sdk").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("node_modules/@openim/client-sdk"))) {
            throw new AssertionError("the OpenIM SDK is not installed: run `npm ci` in " + dir + " (the test command does it)");
        }
        return dir;
    }

    String runScenario(String script) throws Exception {
        String api = "http://" + root.getHost() + ":" + root.getPort();
        ProcessBuilder pb = new ProcessBuilder(List.of("node", script, "--api", api, "--ws", wsBase(), "--secret", "openIM123"))
                .directory(sdkDir().toFile()).redirectErrorStream(true);
        File log = File.createTempFile("sdk-" + script, ".log");
        pb.redirectOutput(log);
        Process node = pb.start();
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError(script + " did not finish in 120 s:\n" + Files.readString(log.toPath(), StandardCharsets.UTF_8));
        }
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertEquals(0, node.exitValue(), script + " failed:\n" + output);
        return output;
    }
}
