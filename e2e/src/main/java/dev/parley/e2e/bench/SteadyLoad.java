package dev.parley.e2e.bench;

import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;

/** Phase 1 (and each saturation step): every online user sends to uniformly random other online users. */
public final class SteadyLoad {
    private SteadyLoad() {
    }

    /**
     * Every user sends {@code perSender} messages (or, when negative, sends for {@code durationMicros})
     * at {@code rate} per second; waits for the deliveries to drain.
     */
    public static Outcome run(Fleet fleet, ScheduledExecutorService timer, Random random, double rate,
                                     int perSender, long durationMicros) throws InterruptedException {
        DeliveryLedger ledger = fleet.newLedger();
        int tag = fleet.ledgerTag(ledger);
        int users = fleet.online().size();
        double lag = Pacer.run(timer, users, rate, perSender, durationMicros, random, from -> {
            int to = random.nextInt(users - 1);
            fleet.sendSingle(ledger, tag, from, to >= from ? to + 1 : to);
        }).join();
        fleet.drain(ledger);
        return new Outcome(ledger, ledger.summary(), lag);
    }

    /** The ledger, its state when the phase stopped waiting, and how far sends fell behind their schedule at worst. */
    public record Outcome(DeliveryLedger ledger, DeliveryLedger.Summary load, double maxSendLagMs) {
    }
}
