package dev.parley.e2e.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every knob of the benchmark, with the workload's defaults; {@code --smoke} shrinks them to a quick check. */
public final class BenchConfig {
    public static final List<String> PHASES = List.of("load", "offline", "group", "saturation");

    /** flag → {default, help}; single-letter aliases map to the same entry. */
    private static final Map<String, String[]> FLAGS = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of("U", "users", "K", "messages", "R", "rate",
            "M", "offline-messages", "G", "groups", "S", "group-size");

    static {
        flag("api", "http://127.0.0.1:10001", "HTTP API base URL");
        flag("ws", "", "WebSocket URL (default: the API URL with ws://, path /)");
        flag("secret", "openIM123", "admin secret for /auth/get_admin_token");
        flag("admin-user", "imAdmin", "admin user ID");
        flag("platform", "5", "platformID of every client");
        flag("user-prefix", "", "user ID prefix (default: a fresh one per run)");
        flag("phases", String.join(",", PHASES), "phases to run, comma separated");
        flag("users", "200", "U: users logged in and online");
        flag("messages", "50", "K: messages each user sends in the steady load (and each group gets)");
        flag("rate", "5", "R: msg/s per sending user");
        flag("warmup-messages", "2", "unreported messages each user sends first, so the client's JIT is warm");
        flag("offline-messages", "1000", "M: messages sent to the offline user");
        flag("offline-senders", "20", "users sending to the offline user");
        flag("groups", "10", "G: groups in the fan-out phase");
        flag("group-size", "100", "S: members per group");
        flag("group-rate", "5", "msg/s per group in the fan-out phase");
        flag("saturation-start-rate", "", "msg/s per user of the first saturation step (default R)");
        flag("step-seconds", "10", "length of one saturation step");
        flag("max-steps", "8", "most saturation steps");
        flag("p99-limit-ms", "1000", "saturation stops once p99 exceeds this");
        flag("min-growth", "0.05", "saturation stops once delivered msg/s grows by less than this fraction");
        flag("drain-seconds", "60", "longest wait for outstanding deliveries after sending stops");
        flag("idle-drain-seconds", "5", "stop waiting once nothing arrived for this long");
        flag("offline-timeout-seconds", "60", "longest wait for the offline user to hold every message");
        flag("login-concurrency", "20", "logins in flight at once");
        flag("request-timeout-seconds", "15", "WebSocket request timeout");
        flag("server-version", "", "version string to report (default: null)");
        flag("pids", "", "server PIDs for RSS and CPU: name=pid,... (a name may repeat)");
        flag("pid-dir", "", "folder of NAME.pid files (kafka.pid, mongo.pid, ...)");
        flag("ports", "kafka=9092,mongo=27017,mysql=3306,redis=6379",
                "listening ports that identify servers with no PID given; runtime uses the API port");
        flag("seed", "", "random seed (default: time)");
    }

    private final Map<String, String> values;
    public final boolean smoke;

    private BenchConfig(Map<String, String> values, boolean smoke) {
        this.values = values;
        this.smoke = smoke;
    }

    private static void flag(String name, String defaultValue, String help) {
        FLAGS.put(name, new String[] {defaultValue, help});
    }

    public static BenchConfig parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--smoke")) {
                smoke = true;
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new Usage(usage());
            }
            if (!arg.startsWith("--")) {
                throw new Usage("unexpected argument " + arg + "\n" + usage());
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new Usage("flag --" + name + " needs a value");
            }
            name = ALIASES.getOrDefault(name, name);
            if (!FLAGS.containsKey(name)) {
                throw new Usage("unknown flag --" + name + "\n" + usage());
            }
            given.put(name, value);
        }
        Map<String, String> values = new LinkedHashMap<>();
        FLAGS.forEach((name, spec) -> values.put(name, spec[0]));
        if (smoke) {
            values.putAll(Map.of("users", "6", "messages", "5", "offline-messages", "20", "offline-senders", "3",
                    "groups", "2", "group-size", "4", "step-seconds", "2", "max-steps", "2", "drain-seconds", "5",
                    "offline-timeout-seconds", "10"));
            values.put("idle-drain-seconds", "2");
        }
        values.putAll(given);
        BenchConfig config = new BenchConfig(values, smoke);
        config.validate();
        return config;
    }

    private void validate() {
        if (users() < 2) {
            throw new Usage("--users must be at least 2");
        }
        if (groupSize() > users() && phases().contains("group")) {
            throw new Usage("--group-size " + groupSize() + " exceeds --users " + users());
        }
        for (String p : phases()) {
            if (!PHASES.contains(p)) {
                throw new Usage("unknown phase " + p + "; known: " + PHASES);
            }
        }
        users();
        rate();
        minGrowth();
    }

    public static String usage() {
        StringBuilder b = new StringBuilder("usage: Bench [--smoke] [--flag value | --flag=value] ...\n");
        FLAGS.forEach((name, spec) -> b.append(String.format("  --%-24s %s%s%n", name, spec[1],
                spec[1].contains("default") ? "" : " (default " + (spec[0].isEmpty() ? "none" : spec[0]) + ")")));
        b.append("  aliases: ").append(ALIASES).append('\n');
        return b.toString();
    }

    public String get(String name) {
        return values.get(name);
    }

    private int integer(String name) {
        try {
            return Integer.parseInt(values.get(name).trim());
        } catch (NumberFormatException e) {
            throw new Usage("--" + name + " must be an integer, got " + values.get(name));
        }
    }

    private double decimal(String name) {
        try {
            return Double.parseDouble(values.get(name).trim());
        } catch (NumberFormatException e) {
            throw new Usage("--" + name + " must be a number, got " + values.get(name));
        }
    }

    public String api() {
        String api = values.get("api");
        return api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    }

    public String ws() {
        String ws = values.get("ws");
        return ws.isEmpty() ? api().replaceFirst("^http", "ws") + "/" : ws;
    }

    public int apiPort() {
        java.net.URI uri = java.net.URI.create(api());
        return uri.getPort() > 0 ? uri.getPort() : (uri.getScheme().equals("https") ? 443 : 80);
    }

    public Set<String> phases() {
        Set<String> out = new LinkedHashSet<>();
        for (String p : values.get("phases").split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    public int users() { return integer("users"); }
    public int messages() { return integer("messages"); }
    public double rate() { return decimal("rate"); }
    public int warmupMessages() { return integer("warmup-messages"); }
    public int offlineMessages() { return integer("offline-messages"); }
    public int offlineSenders() { return Math.min(integer("offline-senders"), users()); }
    public int groups() { return integer("groups"); }
    public int groupSize() { return integer("group-size"); }
    public double groupRate() { return decimal("group-rate"); }
    public double saturationStartRate() {
        return values.get("saturation-start-rate").isBlank() ? rate() : decimal("saturation-start-rate");
    }
    public double stepSeconds() { return decimal("step-seconds"); }
    public int maxSteps() { return integer("max-steps"); }
    public double p99LimitMs() { return decimal("p99-limit-ms"); }
    public double minGrowth() { return decimal("min-growth"); }
    public double drainSeconds() { return decimal("drain-seconds"); }
    public double idleDrainSeconds() { return decimal("idle-drain-seconds"); }
    public double offlineTimeoutSeconds() { return decimal("offline-timeout-seconds"); }
    public int loginConcurrency() { return Math.max(1, integer("login-concurrency")); }
    public int requestTimeoutSeconds() { return integer("request-timeout-seconds"); }
    public int platform() { return integer("platform"); }

    public String serverVersion() {
        String v = values.get("server-version");
        return v.isBlank() ? null : v;
    }

    public long seed() {
        String s = values.get("seed");
        return s.isBlank() ? System.nanoTime() : Long.parseLong(s);
    }

    /** name → [pid, ...] from --pids. */
    public Map<String, List<Long>> pids() {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : pairs("pids").entrySet()) {
            for (String pid : e.getValue().split("\\+")) {
                out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(Long.parseLong(pid.trim()));
            }
        }
        return out;
    }

    /** name → port from --ports, plus runtime → the API port. */
    public Map<String, Integer> ports() {
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("runtime", apiPort());
        pairs("ports").forEach((k, v) -> out.put(k, Integer.parseInt(v.trim())));
        return out;
    }

    /** "a=1,b=2,a=3" → {a: "1+3", b: "2"}. */
    private Map<String, String> pairs(String flag) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : values.get(flag).split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new Usage("--" + flag + " takes name=value pairs, got " + item);
            }
            out.merge(item.substring(0, eq).trim(), item.substring(eq + 1).trim(), (a, b) -> a + "+" + b);
        }
        return out;
    }

    /** The parameters as reported in the output's "phase" object. */
    public Map<String, Object> reportedParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ran", new ArrayList<>(phases()));
        p.put("smoke", smoke);
        p.put("U", users());
        p.put("K", messages());
        p.put("R", rate());
        p.put("warmup_messages", warmupMessages());
        p.put("M", offlineMessages());
        p.put("offline_senders", offlineSenders());
        p.put("G", groups());
        p.put("S", groupSize());
        p.put("group_rate", groupRate());
        p.put("saturation_start_rate", saturationStartRate());
        p.put("step_s", stepSeconds());
        p.put("max_steps", maxSteps());
        return p;
    }

    /** A bad command line: the message is for the user. */
    public static final class Usage extends RuntimeException {
        public Usage(String message) {
            super(message);
        }
    }
}
