package dev.parley.e2e.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds the server processes whose memory and CPU are reported: --pids, then pid files, then listening ports. */
public final class ServerProcesses {
    public static final List<String> NAMES = List.of("runtime", "kafka", "mongo", "mysql", "redis");
    /** Other names a pid file may carry. */
    private static final Map<String, List<String>> FILE_NAMES = Map.of("mysql", List.of("mysql", "mariadb"));

    private ServerProcesses() {
    }

    public static Map<String, List<Long>> resolve(BenchConfig config) {
        Map<String, List<Long>> given = config.pids();
        Map<String, Integer> ports = config.ports();
        String pidDir = config.get("pid-dir");
        Map<String, List<Long>> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(NAMES);
        given.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        for (String name : names) {
            List<Long> pids = given.get(name);
            if ((pids == null || pids.isEmpty()) && !pidDir.isBlank()) {
                pids = new ArrayList<>();
                for (String file : FILE_NAMES.getOrDefault(name, List.of(name))) {
                    Long pid = Machine.pidFromFile(Path.of(pidDir, file + ".pid"));
                    if (pid != null) {
                        pids.add(pid);
                    }
                }
            }
            if ((pids == null || pids.isEmpty()) && ports.containsKey(name)) {
                pids = Machine.pidsListeningOn(ports.get(name));
            }
            out.put(name, pids == null ? List.of() : pids);
        }
        return out;
    }
}
