package dev.parley.e2e.install;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The repository and the Kubernetes tools the install checks run: helm and kubectl fetched by
 * {@code dev/k8s-tools.sh} (idempotent, cached under .parley/tools), node for the schema checks.
 * A missing tool fails the test with what to install; it never skips.
 */
public final class K8sTools {

    private static Path toolsDir;

    private K8sTools() {
    }

    /** The repository root: the first parent of the working directory that holds crds/ and helm/. */
    public static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("crds")) && Files.isDirectory(dir.resolve("helm"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root (with crds/ and helm/) above " + Path.of("").toAbsolutePath());
    }

    /** Runs dev/k8s-tools.sh once per JVM and returns the tools directory it prints. */
    public static synchronized Path tools() {
        if (toolsDir == null) {
            requireOnPath("node", "Node.js 20 with npm (the schema checks and the tool download need it)");
            requireOnPath("npm", "npm (comes with Node.js 20)");
            Result result = run(Duration.ofMinutes(5), List.of("bash", repo().resolve("dev/k8s-tools.sh").toString()));
            if (result.exit() != 0) {
                fail("dev/k8s-tools.sh could not provide helm, kubectl and the schema packages (exit " + result.exit()
                        + "):\n" + result.stderr());
            }
            List<String> lines = result.stdout().lines().filter(l -> !l.isBlank()).toList();
            toolsDir = Path.of(lines.get(lines.size() - 1).trim());
        }
        return toolsDir;
    }

    public static String helm() {
        return tools().resolve("bin/helm").toString();
    }

    public static String kubectl() {
        return tools().resolve("bin/kubectl").toString();
    }

    public static Path chart() {
        return repo().resolve("helm/parley-operator");
    }

    /** Runs a command in the repository; fails the test if it does not finish in time. */
    public static Result run(Duration timeout, List<String> command) {
        try {
            Path out = Files.createTempFile("parley-cmd", ".out");
            Path err = Files.createTempFile("parley-cmd", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(repo().toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within " + timeout + ":\n" + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return fail("could not run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + String.join(" ", command));
        }
    }

    /** Runs a command that must succeed, and returns its standard output. */
    public static String runOk(Duration timeout, String... command) {
        Result result = run(timeout, List.of(command));
        if (result.exit() != 0) {
            fail(String.join(" ", command) + " failed (exit " + result.exit() + "):\n" + result.stderr() + result.stdout());
        }
        return result.stdout();
    }

    public static List<String> command(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static void requireOnPath(String tool, String what) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        fail("no " + tool + " on PATH: install " + what);
    }

    public record Result(int exit, String stdout, String stderr) {
    }
}
