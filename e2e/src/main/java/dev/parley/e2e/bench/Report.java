package dev.parley.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The one JSON line a run prints, in the benchmark's shape; any figure not measured is null. */
public final class Report {
    static final ObjectMapper JSON = new ObjectMapper();

    public final ObjectNode root = JSON.createObjectNode();

    public Report(String version, Map<String, Object> parameters) {
        root.put("server", "parley");
        root.put("version", version);
        root.set("phase", JSON.valueToTree(parameters));
        root.putNull("load");
        root.putNull("offline");
        root.putNull("group");
        root.putNull("saturation");
        root.putNull("rss_kb");
        root.putNull("cpu");
        root.putNull("loadavg_start");
    }

    /**
     * {@code atEnd} is the ledger when the phase stopped waiting; {@code last} the same ledger when
     * the run ended. Counts come from {@code last}, so "lost" means never delivered during the whole
     * run; "late" are deliveries that came after the phase stopped waiting. Throughput is the phase's.
     */
    public void load(DeliveryLedger.Summary atEnd, DeliveryLedger.Summary last, double maxSendLagMs) {
        DeliveryLedger.Summary s = last;
        ObjectNode load = root.putObject("load");
        load.put("sent", s.sent());
        load.put("received_unique", s.receivedUnique());
        load.put("lost", s.lost());
        load.put("late", s.receivedUnique() - atEnd.receivedUnique());
        load.put("duplicates", s.duplicates());
        load.put("out_of_order", s.outOfOrder());
        load.set("latency_ms", latency(s.latency()));
        load.put("delivered_msgs_per_s", atEnd.perSecond());
        load.put("send_errors", s.sendErrors());
        load.put("misdelivered", s.misdelivered());
        load.put("max_send_lag_ms", maxSendLagMs);
    }

    public void offline(OfflineSync.Result r) {
        ObjectNode offline = root.putObject("offline");
        offline.put("M", r.m());
        offline.put("ms_to_all", r.msToAll());
        offline.put("ms_sent_to_stored", r.msSentToStored());
        offline.put("lost", r.lost());
        offline.put("out_of_order", r.outOfOrder());
        offline.put("duplicates", r.duplicates());
        offline.put("send_errors", r.sendErrors());
        offline.put("pull_requests", r.pullRequests());
        offline.put("sync_rounds", r.syncRounds());
    }

    /** As {@link #load}: counts at the end of the run, throughput of the phase. */
    public void group(DeliveryLedger.Summary atEnd, DeliveryLedger.Summary last) {
        DeliveryLedger.Summary s = last;
        ObjectNode group = root.putObject("group");
        group.put("deliveries", s.receivedUnique());
        group.put("expected", s.expected());
        group.put("lost", s.lost());
        group.put("late", s.receivedUnique() - atEnd.receivedUnique());
        group.put("duplicates", s.duplicates());
        group.put("out_of_order", s.outOfOrder());
        group.set("latency_ms", latency(s.latency()));
        group.put("deliveries_per_s", atEnd.perSecond());
        group.put("sent", s.sent());
        group.put("send_errors", s.sendErrors());
    }

    public void saturation(Saturation.Result r) {
        ObjectNode saturation = root.putObject("saturation");
        saturation.put("max_delivered_msgs_per_s_at_p99_le_1s", r.maxDeliveredAtP99());
        saturation.put("stop_reason", r.stopReason());
        var steps = saturation.putArray("steps");
        for (Saturation.Step step : r.steps()) {
            ObjectNode o = steps.addObject();
            o.put("rate_per_user", step.ratePerUser());
            o.put("offered_msgs_per_s", step.offeredPerSecond());
            o.put("sent", step.load().sent());
            o.put("delivered_msgs_per_s", step.load().perSecond());
            o.put("undelivered_at_step_end", step.load().lost());
            o.put("duplicates", step.load().duplicates());
            o.set("latency_ms", latency(step.load().latency()));
            o.put("max_send_lag_ms", step.maxSendLagMs());
            o.put("held", step.held());
            o.set("cpu", cores(step.cores()));
        }
    }

    /** Why a phase that was asked for did not run. */
    public void skipped(String phase, String reason) {
        ObjectNode skipped = root.has("skipped") ? (ObjectNode) root.get("skipped") : root.putObject("skipped");
        skipped.put(phase, reason);
    }

    public void rss(Map<String, Long> rssKb) {
        ObjectNode rss = root.putObject("rss_kb");
        rssKb.forEach(rss::put);
    }

    public void cpu(Machine.Cores cores, String window) {
        ObjectNode cpu = cores(cores);
        cpu.put("window", window);
        root.set("cpu", cpu);
    }

    public void loadavgStart(String loadavg) {
        root.put("loadavg_start", loadavg);
    }

    public void error(String message) {
        root.put("error", message);
    }

    public String line() {
        try {
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode latency(Latencies.Summary s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("p50", s.p50());
        o.put("p95", s.p95());
        o.put("p99", s.p99());
        o.put("max", s.max());
        return o;
    }

    static ObjectNode cores(Machine.Cores c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("machine_busy_cores", c.machineBusy());
        o.put("client_cores", c.client());
        o.put("server_cores", c.server());
        // How much of the machine's busy time was the load generator itself.
        o.put("client_share", c.client() != null && c.machineBusy() != null && c.machineBusy() > 0
                ? Math.round(c.client() / c.machineBusy() * 100) / 100.0 : null);
        return o;
    }
}
