package dev.parley.e2e.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark load generator: logs U users in over the OpenIM wire protocol, runs the phases,
 * and prints one JSON line on stdout (progress goes to stderr). Exit status 0 when every phase
 * ran, 1 when one failed (the line then carries "error"), 2 on a bad command line.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) {
        BenchConfig config;
        try {
            config = BenchConfig.parse(args);
        } catch (BenchConfig.Usage e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Report report = new Report(config.serverVersion(), config.reportedParameters());
        int status = run(config, report);
        System.out.println(report.line());
        System.out.flush();
        System.exit(status);
    }

    static int run(BenchConfig config, Report report) {
        report.loadavgStart(Machine.loadavg());
        Map<String, List<Long>> serverPids = ServerProcesses.resolve(config);
        progress("server processes: %s", serverPids);
        long seed = config.seed();
        Random random = new Random(seed);
        String run = Long.toString(Math.abs(random.nextLong()) % 2_176_782_336L, 36); // up to 6 base-36 digits
        String prefix = config.get("user-prefix").isBlank() ? "pbench-" + run : config.get("user-prefix");

        // Two delivery threads serve every socket; one timer thread paces every sender.
        ExecutorService io = Executors.newFixedThreadPool(2, daemon("bench-io"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("bench-timer"));
        HttpClient http = HttpClient.newBuilder().executor(io).connectTimeout(Duration.ofSeconds(10)).build();
        AppServerApi api = new AppServerApi(http, config.api(), config.get("secret"), config.get("admin-user"));
        Fleet fleet = new Fleet(http, api, config, run);
        Set<String> phases = config.phases();
        Machine.CpuSample runStart = Machine.CpuSample.take(serverPids);
        Machine.Cores loadCores = null;
        SteadyLoad.Outcome load = null;
        GroupFanout.Result group = null;
        int status = 0;
        try {
            List<String> userIds = new ArrayList<>();
            for (int i = 0; i < config.users(); i++) {
                userIds.add(prefix + "-u" + i);
            }
            String userX = prefix + "-x";
            List<String> everyone = new ArrayList<>(userIds);
            everyone.add(userX);
            api.register(everyone);
            long loginStart = System.nanoTime();
            fleet.login(userIds);
            fleet.heartbeat(timer);
            progress("%d users online in %d ms (run %s, seed %d)", userIds.size(), (System.nanoTime() - loginStart) / 1_000_000, run, seed);

            if (config.warmupMessages() > 0) {
                SteadyLoad.Outcome warmup = SteadyLoad.run(fleet, timer, random, config.rate(), config.warmupMessages(), -1);
                progress("warm-up (not reported): %s", warmup.load());
            }
            if (phases.contains("load")) {
                Machine.CpuSample before = Machine.CpuSample.take(serverPids);
                load = SteadyLoad.run(fleet, timer, random, config.rate(), config.messages(), -1);
                loadCores = before.until(Machine.CpuSample.take(serverPids));
                progress("load: %s; cores %s; send lag %s ms", load.load(), loadCores, load.maxSendLagMs());
            }
            if (phases.contains("offline")) {
                OfflineSync.Result offline = OfflineSync.run(fleet, userX, config);
                report.offline(offline);
                progress("offline: %s", offline);
            }
            if (phases.contains("group")) {
                group = GroupFanout.run(fleet, config, timer, random);
                if (group.skipped() != null) {
                    report.skipped("group", group.skipped());
                    progress("group skipped: %s", group.skipped());
                } else {
                    progress("group: %s", group.atEnd());
                }
            }
            if (phases.contains("saturation")) {
                report.saturation(Saturation.run(fleet, config, timer, random, serverPids));
            }
        } catch (Exception e) {
            Throwable cause = e.getCause() != null && e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
            report.error(cause.toString());
            progress("failed: %s", cause);
            status = 1;
        }
        try {
            // Whatever a phase stopped waiting for may still come: only what never came is lost.
            List<DeliveryLedger> open = new ArrayList<>();
            if (load != null) {
                open.add(load.ledger());
            }
            if (group != null && group.ledger() != null) {
                open.add(group.ledger());
            }
            fleet.drain(open);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (load != null) {
            report.load(load.load(), load.ledger().summary(), load.maxSendLagMs());
        }
        if (group != null && group.ledger() != null) {
            report.group(group.atEnd(), group.ledger().summary());
        }
        report.rss(Machine.rssKb(ServerProcesses.NAMES, serverPids));
        if (loadCores != null) {
            report.cpu(loadCores, "load");
        } else {
            report.cpu(runStart.until(Machine.CpuSample.take(serverPids)), "run");
        }
        long errors = fleet.connectionErrors();
        if (errors > 0) {
            report.root.put("connection_errors", errors);
        }
        fleet.closeAll();
        return status;
    }

    static void progress(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
