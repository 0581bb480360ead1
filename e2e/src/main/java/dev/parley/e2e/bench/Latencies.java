package dev.parley.e2e.bench;

import java.util.Arrays;

/** Every latency sample of one measurement, kept exactly; percentiles by nearest rank. */
public final class Latencies {
    private long[] micros = new long[1024];
    private int count;

    public synchronized void add(long latencyMicros) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, count * 2);
        }
        micros[count++] = Math.max(0, latencyMicros);
    }

    public synchronized int count() {
        return count;
    }

    /** Percentiles in milliseconds; all null when nothing was measured. */
    public synchronized Summary summary() {
        if (count == 0) {
            return new Summary(null, null, null, null);
        }
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        return new Summary(ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(percentile(sorted, 99)),
                ms(sorted[sorted.length - 1]));
    }

    /** Nearest-rank percentile of an ascending array: the smallest value with at least p% of samples at or below it. */
    static long percentile(long[] ascending, double p) {
        if (ascending.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        int rank = (int) Math.ceil(p / 100.0 * ascending.length);
        return ascending[Math.min(Math.max(rank, 1), ascending.length) - 1];
    }

    /** Milliseconds rounded to 0.1. */
    static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    public record Summary(Double p50, Double p95, Double p99, Double max) {
    }
}
