package dev.parley.e2e.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Phase 4: the steady load with R doubling every step, until delivered throughput stops growing or
 * p99 exceeds the limit. The answer is the best delivered rate of a step that kept p99 within the
 * limit and lost nothing.
 */
public final class Saturation {
    public record Step(double ratePerUser, double offeredPerSecond, DeliveryLedger.Summary load, Machine.Cores cores,
                       double maxSendLagMs, boolean held) {
    }

    public record Result(Double maxDeliveredAtP99, List<Step> steps, String stopReason) {
    }

    private Saturation() {
    }

    public static Result run(Fleet fleet, BenchConfig config, ScheduledExecutorService timer, Random random,
                             Map<String, List<Long>> serverPids) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        Double best = null;
        Double previous = null;
        String stop = "max steps reached";
        long stepMicros = (long) (config.stepSeconds() * 1e6);
        for (int i = 0; i < config.maxSteps(); i++) {
            double rate = config.saturationStartRate() * Math.pow(2, i);
            Machine.CpuSample before = Machine.CpuSample.take(serverPids);
            SteadyLoad.Outcome outcome = SteadyLoad.run(fleet, timer, random, rate, -1, stepMicros);
            DeliveryLedger.Summary load = outcome.load();
            Machine.Cores cores = before.until(Machine.CpuSample.take(serverPids));
            Double p99 = load.latency().p99();
            Double delivered = load.perSecond();
            // A delivery still missing when the step stopped waiting is later than any limit.
            boolean held = p99 != null && p99 <= config.p99LimitMs() && load.lost() == 0 && delivered != null;
            steps.add(new Step(rate, rate * fleet.online().size(), load, cores, outcome.maxSendLagMs(), held));
            Bench.progress("saturation step %d: R=%s/user delivered %s msg/s p99 %s ms lost %d; cores: client %s server %s machine %s; send lag %s ms",
                    i + 1, rate, delivered, p99, load.lost(), cores.client(), cores.server(), cores.machineBusy(), outcome.maxSendLagMs());
            if (held) {
                best = best == null ? delivered : Math.max(best, delivered);
            } else {
                stop = load.lost() > 0 ? "deliveries missing at the end of the step's drain" : "p99 above " + config.p99LimitMs() + " ms";
                break;
            }
            if (previous != null && delivered < previous * (1 + config.minGrowth())) {
                stop = "delivered throughput stopped growing";
                break;
            }
            previous = delivered;
        }
        return new Result(best, steps, stop);
    }
}
