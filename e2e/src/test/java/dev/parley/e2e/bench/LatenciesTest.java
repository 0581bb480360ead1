package dev.parley.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LatenciesTest {
    @Test
    void percentilesUseNearestRank() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1;
        }
        assertEquals(50, Latencies.percentile(hundred, 50));
        assertEquals(95, Latencies.percentile(hundred, 95));
        assertEquals(99, Latencies.percentile(hundred, 99));
        assertEquals(100, Latencies.percentile(hundred, 100));
        assertEquals(7, Latencies.percentile(new long[] {7}, 99));
        assertEquals(2, Latencies.percentile(new long[] {1, 2, 3}, 50));
    }

    @Test
    void summaryIsInMillisecondsAndIgnoresArrivalOrder() {
        Latencies latencies = new Latencies();
        for (int i = 2000; i >= 1; i--) {
            latencies.add(i * 1000L); // 1..2000 ms, added backwards
        }
        Latencies.Summary s = latencies.summary();
        assertEquals(1000.0, s.p50());
        assertEquals(1900.0, s.p95());
        assertEquals(1980.0, s.p99());
        assertEquals(2000.0, s.max());
    }

    @Test
    void noSamplesGiveNulls() {
        Latencies.Summary s = new Latencies().summary();
        assertNull(s.p50());
        assertNull(s.max());
    }

    @Test
    void negativeLatencyFromClockSkewCountsAsZero() {
        Latencies latencies = new Latencies();
        latencies.add(-5);
        assertEquals(0.0, latencies.summary().max());
    }
}
