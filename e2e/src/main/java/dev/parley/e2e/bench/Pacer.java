package dev.parley.e2e.bench;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Open-loop pacing for many senders from one timer thread: each sender fires at its own rate with
 * a random phase, and a late tick catches up, so the offered load does not drop when the client
 * or server stalls.
 */
public final class Pacer {
    private static final long TICK_MICROS = 5_000;

    private Pacer() {
    }

    /**
     * Calls {@code send.accept(sender)} for every sender at {@code ratePerSender} per second, until
     * each did {@code perSender} sends (when {@code perSender} ≥ 0) and, when {@code durationMicros}
     * ≥ 0, no later than that after the start. {@code send} must not block. Completes with the
     * largest delay of a send behind its schedule, in ms: a large one means the client (or its
     * timer thread) could not keep up, so the offered load was lower than asked.
     */
    public static CompletableFuture<Double> run(ScheduledExecutorService timer, int senders, double ratePerSender,
                                              int perSender, long durationMicros, Random random, IntConsumer send) {
        long interval = Math.max(1, Math.round(1e6 / ratePerSender));
        long start = Clock.micros();
        long end = durationMicros >= 0 ? start + durationMicros : Long.MAX_VALUE;
        long[] nextDue = new long[senders];
        int[] remaining = new int[senders];
        for (int i = 0; i < senders; i++) {
            nextDue[i] = start + (long) (random.nextDouble() * interval);
            remaining[i] = perSender >= 0 ? perSender : Integer.MAX_VALUE;
        }
        CompletableFuture<Double> done = new CompletableFuture<>();
        long[] maxLag = new long[1];
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        Runnable tick = () -> {
            try {
                long now = Clock.micros();
                boolean active = false;
                for (int i = 0; i < senders; i++) {
                    while (remaining[i] > 0 && nextDue[i] < end && nextDue[i] <= now) {
                        maxLag[0] = Math.max(maxLag[0], now - nextDue[i]);
                        send.accept(i);
                        remaining[i]--;
                        nextDue[i] += interval;
                    }
                    active |= remaining[i] > 0 && nextDue[i] < end;
                }
                if (!active && done.complete(Math.round(maxLag[0] / 100.0) / 10.0)) {
                    task[0].cancel(false);
                }
            } catch (RuntimeException e) {
                if (done.completeExceptionally(e)) {
                    task[0].cancel(false);
                }
            }
        };
        synchronized (task) {
            task[0] = timer.scheduleAtFixedRate(() -> {
                synchronized (task) {
                    tick.run();
                }
            }, 0, TICK_MICROS, TimeUnit.MICROSECONDS);
        }
        return done;
    }
}
