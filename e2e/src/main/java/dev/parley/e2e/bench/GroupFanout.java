package dev.parley.e2e.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Phase 3: G groups of S online members, created with OpenIM's /group/create_group; each group gets
 * K messages from random members. Every message owes S−1 deliveries (the sender's echo is not one).
 */
public final class GroupFanout {
    /** The ledger of the sends, or why the phase could not run. */
    public record Result(DeliveryLedger ledger, DeliveryLedger.Summary atEnd, String skipped) {
    }

    private GroupFanout() {
    }

    public static Result run(Fleet fleet, BenchConfig config, ScheduledExecutorService timer, Random random)
            throws InterruptedException {
        int users = fleet.online().size();
        int groups = config.groups();
        int size = config.groupSize();
        int[][] members = new int[groups][];
        String[] groupIds = new String[groups];
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            slots.add(i);
        }
        for (int g = 0; g < groups; g++) {
            Collections.shuffle(slots, random);
            members[g] = slots.subList(0, size).stream().mapToInt(Integer::intValue).toArray();
            List<String> others = new ArrayList<>();
            for (int i = 1; i < size; i++) {
                others.add(fleet.user(members[g][i]).userId);
            }
            AppServerApi.Answer answer = fleet.api().createGroup(fleet.user(members[g][0]).userId, others,
                    "pbench-" + fleet.run() + "-" + g);
            if (!answer.ok()) {
                return new Result(null, null, "POST /group/create_group answered " + abbreviate(answer.toString()));
            }
            groupIds[g] = answer.data().path("groupInfo").path("groupID").asText("");
            if (groupIds[g].isEmpty()) {
                return new Result(null, null, "POST /group/create_group returned no data.groupInfo.groupID: " + abbreviate(answer.toString()));
            }
        }
        DeliveryLedger ledger = fleet.newLedger();
        int tag = fleet.ledgerTag(ledger);
        Pacer.run(timer, groups, config.groupRate(), config.messages(), -1, random,
                g -> fleet.sendGroup(ledger, tag, members[g][random.nextInt(size)], g, groupIds[g], size - 1)).join();
        fleet.drain(ledger);
        return new Result(ledger, ledger.summary(), null);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
