package dev.parley.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    @Test
    void aFreshReportHasEveryTopLevelFieldAndNullsForWhatDidNotRun() throws Exception {
        Report report = new Report(null, BenchConfig.parse("--smoke").reportedParameters());
        JsonNode line = Report.JSON.readTree(report.line());
        assertEquals(List.of("server", "version", "phase", "load", "offline", "group", "saturation", "rss_kb", "cpu",
                "loadavg_start"), fieldNames(line));
        assertEquals("parley", line.path("server").asText());
        assertTrue(line.path("load").isNull());
        assertEquals(6, line.path("phase").path("U").asInt());
        assertFalse(report.line().contains("\n"), "one line");
    }

    @Test
    void phasesFillTheBenchmarkShape() throws Exception {
        Report report = new Report("1.0", Map.of());
        DeliveryLedger ledger = new DeliveryLedger(2);
        int id = ledger.register(0, 1, 0);
        ledger.receive(id, 1, 0, 5_000);
        report.load(ledger.summary(), ledger.summary(), 3.5);
        report.offline(new OfflineSync.Result(1000, 850L, 20L, 0, 0, 0, 0, 10, 1));
        report.skipped("group", "POST /group/create_group answered HTTP 404");
        report.saturation(new Saturation.Result(1234.5, List.of(new Saturation.Step(5, 1000, ledger.summary(),
                new Machine.Cores(1.5, 0.3, null), 2.0, true)), "delivered throughput stopped growing"));
        report.rss(Map.of("runtime", 1000L));
        report.cpu(new Machine.Cores(1.2, 0.2, 0.8), "load");
        report.loadavgStart("0.10 0.20 0.30");
        JsonNode line = Report.JSON.readTree(report.line());

        JsonNode load = line.path("load");
        for (String f : List.of("sent", "received_unique", "lost", "duplicates", "out_of_order", "delivered_msgs_per_s")) {
            assertTrue(load.has(f), f);
        }
        assertEquals(List.of("p50", "p95", "p99", "max"), fieldNames(load.path("latency_ms")));
        assertEquals(5.0, load.path("latency_ms").path("max").asDouble());
        assertEquals(850, line.path("offline").path("ms_to_all").asInt());
        assertTrue(line.path("group").isNull());
        assertTrue(line.path("skipped").path("group").asText().contains("404"));
        assertEquals(1234.5, line.path("saturation").path("max_delivered_msgs_per_s_at_p99_le_1s").asDouble());
        assertTrue(line.path("saturation").path("steps").path(0).path("cpu").path("server_cores").isNull());
        for (String f : List.of("machine_busy_cores", "client_cores", "server_cores")) {
            assertTrue(line.path("cpu").has(f), f);
        }
        assertEquals("0.10 0.20 0.30", line.path("loadavg_start").asText());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
