package dev.parley.e2e.bench;

/** Epoch microseconds that never go backwards: one origin, then the monotonic clock. */
public final class Clock {
    private static final long ORIGIN_MICROS = System.currentTimeMillis() * 1000;
    private static final long ORIGIN_NANOS = System.nanoTime();

    private Clock() {
    }

    public static long micros() {
        return ORIGIN_MICROS + (System.nanoTime() - ORIGIN_NANOS) / 1000;
    }
}
