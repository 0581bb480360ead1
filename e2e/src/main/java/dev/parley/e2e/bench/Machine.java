package dev.parley.e2e.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** What the machine and the processes on it are doing, read from /proc. Anything unreadable is null. */
public final class Machine {
    /** Linux reports process CPU in USER_HZ ticks, 100 on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100;

    private Machine() {
    }

    /** "1m 5m 15m" from /proc/loadavg. */
    public static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A point-in-time reading of machine, client and server CPU counters. */
    public record CpuSample(long wallNanos, long[] machine, Long clientCpuNanos, Long serverTicks) {
        public static CpuSample take(Map<String, List<Long>> serverPids) {
            return new CpuSample(System.nanoTime(), procStat(), Machine.clientCpuNanos(), Machine.serverTicks(serverPids));
        }

        /** Cores busy on average between {@code this} and {@code later}, per consumer. */
        public Cores until(CpuSample later) {
            double wall = (later.wallNanos - wallNanos) / 1e9;
            Double machineCores = null;
            if (machine != null && later.machine != null) {
                long busy = later.machine[0] - machine[0];
                long total = later.machine[1] - machine[1];
                machineCores = total > 0 ? round2((double) busy / total * Runtime.getRuntime().availableProcessors()) : null;
            }
            Double client = clientCpuNanos != null && later.clientCpuNanos != null && wall > 0
                    ? round2((later.clientCpuNanos - clientCpuNanos) / 1e9 / wall) : null;
            Double server = serverTicks != null && later.serverTicks != null && wall > 0
                    ? round2((later.serverTicks - serverTicks) / TICKS_PER_SECOND / wall) : null;
            return new Cores(machineCores, client, server);
        }
    }

    public record Cores(Double machineBusy, Double client, Double server) {
    }

    /** {busy, total} jiffies of all CPUs; busy excludes idle and iowait. */
    static long[] procStat() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            return lines.findFirst().map(Machine::parseCpuLine).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static long[] parseCpuLine(String line) {
        String[] f = line.trim().split("\\s+");
        if (!f[0].equals("cpu")) {
            return null;
        }
        long total = 0;
        // user nice system idle iowait irq softirq steal; guest time is already inside user.
        for (int i = 1; i <= 8 && i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new long[] {total - idle, total};
    }

    static Long clientCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            return t >= 0 ? t : null;
        }
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(null);
    }

    /** utime+stime ticks summed over every server process; null when none is known. */
    static Long serverTicks(Map<String, List<Long>> serverPids) {
        long sum = 0;
        boolean any = false;
        for (List<Long> pids : serverPids.values()) {
            for (long pid : pids) {
                try {
                    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                    // The command name may contain spaces; fields are counted after its closing parenthesis.
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    any = true;
                } catch (IOException | RuntimeException e) {
                    // gone or unreadable: leave it out
                }
            }
        }
        return any ? sum : null;
    }

    /** VmRSS in kB summed over the processes of each name; null for a name with no readable process. */
    public static Map<String, Long> rssKb(List<String> names, Map<String, List<Long>> serverPids) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : names) {
            Long sum = null;
            for (long pid : serverPids.getOrDefault(name, List.of())) {
                Long kb = vmRssKb(pid);
                if (kb != null) {
                    sum = (sum == null ? 0 : sum) + kb;
                }
            }
            out.put(name, sum);
        }
        return out;
    }

    static Long vmRssKb(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The PID in a pid file, if that process is alive. */
    static Long pidFromFile(Path file) {
        try {
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid).isPresent() ? pid : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The processes listening on a TCP port (IPv4 or IPv6), found through socket inodes. */
    static List<Long> pidsListeningOn(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                lines.skip(1).forEach(l -> {
                    String inode = listeningInode(l, port);
                    if (inode != null) {
                        inodes.add(inode);
                    }
                });
            } catch (IOException | RuntimeException e) {
                // no such table
            }
        }
        List<Long> pids = new ArrayList<>();
        if (inodes.isEmpty()) {
            return pids;
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                if (ownsSocket(proc, inodes)) {
                    pids.add(Long.parseLong(proc.getFileName().toString()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc unreadable
        }
        return pids;
    }

    /** The socket inode of a /proc/net/tcp line if it is a listener on {@code port}. */
    static String listeningInode(String line, int port) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10 || !f[3].equals("0A")) {
            return null;
        }
        String local = f[1];
        int colon = local.lastIndexOf(':');
        return Integer.parseInt(local.substring(colon + 1), 16) == port ? f[9] : null;
    }

    private static boolean ownsSocket(Path proc, Set<String> inodes) {
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    return link.startsWith("socket:[") && inodes.contains(link.substring(8, link.length() - 1));
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
