package dev.parley.e2e.bench;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Exact accounting of one measurement: every sent message gets a dense id and the number of
 * recipients it owes; every delivery is checked against it. Recipients and senders are user slots
 * (indexes into the logged-in fleet).
 */
public final class DeliveryLedger {
    /** Target slot of a message addressed to a group rather than one user. */
    public static final int GROUP = -1;

    private final int slots;
    private final BitSet[] seenBy;
    /** (recipient, sender, conversation) → the highest id delivered so far, to spot per-sender reordering. */
    private final Map<Long, Integer> lastFromSender = new HashMap<>();
    private final Latencies latencies = new Latencies();
    private int[] sender = new int[256];
    private int[] target = new int[256];
    /** The conversation of each message: the target slot for one-to-one, the group number for groups. */
    private int[] conversation = new int[256];
    private int size;
    private long expectedDeliveries;
    private long receivedUnique;
    private long duplicates;
    private long outOfOrder;
    private long misdelivered;
    private long sendErrors;
    private long firstSendMicros = Long.MAX_VALUE;
    private long lastReceiveMicros = Long.MIN_VALUE;

    public DeliveryLedger(int slots) {
        this.slots = slots;
        this.seenBy = new BitSet[slots];
        for (int i = 0; i < slots; i++) {
            seenBy[i] = new BitSet();
        }
    }

    /** Registers a one-to-one message about to be sent; returns its id. */
    public int register(int senderSlot, int targetSlot, long sendMicros) {
        return register(senderSlot, targetSlot, targetSlot, 1, sendMicros);
    }

    /** Registers a message to group number {@code group} that owes {@code fanout} deliveries; returns its id. */
    public int registerGroup(int senderSlot, int group, int fanout, long sendMicros) {
        return register(senderSlot, GROUP, group, fanout, sendMicros);
    }

    private synchronized int register(int senderSlot, int targetSlot, int conversationKey, int fanout, long sendMicros) {
        if (size == sender.length) {
            sender = Arrays.copyOf(sender, size * 2);
            target = Arrays.copyOf(target, size * 2);
            conversation = Arrays.copyOf(conversation, size * 2);
        }
        sender[size] = senderSlot;
        target[size] = targetSlot;
        conversation[size] = conversationKey;
        expectedDeliveries += fanout;
        firstSendMicros = Math.min(firstSendMicros, sendMicros);
        return size++;
    }

    /** The server refused or never answered the send; the message stays expected (lost if it never arrives). */
    public synchronized void sendFailed(int id) {
        sendErrors++;
    }

    /** Records that {@code recipientSlot} got message {@code id}. */
    public synchronized void receive(int id, int recipientSlot, long sendMicros, long receiveMicros) {
        if (id < 0 || id >= size || recipientSlot < 0 || recipientSlot >= slots
                || (target[id] != GROUP && target[id] != recipientSlot) || sender[id] == recipientSlot) {
            misdelivered++;
            return;
        }
        BitSet seen = seenBy[recipientSlot];
        if (seen.get(id)) {
            duplicates++;
            return;
        }
        seen.set(id);
        receivedUnique++;
        latencies.add(receiveMicros - sendMicros);
        lastReceiveMicros = Math.max(lastReceiveMicros, receiveMicros);
        // A sender's ids rise in its send order, so within one conversation a lower id after a
        // higher one is a reordering; across conversations there is no order to keep.
        long key = ((long) recipientSlot << 42) | ((long) sender[id] << 21) | conversation[id];
        Integer last = lastFromSender.get(key);
        if (last != null && id < last) {
            outOfOrder++;
        } else {
            lastFromSender.put(key, id);
        }
    }

    public synchronized int sent() {
        return size;
    }

    public synchronized long receivedUnique() {
        return receivedUnique;
    }

    public synchronized boolean complete() {
        return receivedUnique >= expectedDeliveries;
    }

    public synchronized Summary summary() {
        double seconds = lastReceiveMicros > firstSendMicros ? (lastReceiveMicros - firstSendMicros) / 1e6 : 0;
        Double perSecond = seconds > 0 ? Math.round(receivedUnique / seconds * 10) / 10.0 : null;
        return new Summary(size, expectedDeliveries, receivedUnique, expectedDeliveries - receivedUnique, duplicates,
                outOfOrder, misdelivered, sendErrors, latencies.summary(), perSecond);
    }

    /**
     * {@code perSecond}: unique deliveries divided by the time from the first send to the last
     * delivery, so a server that falls behind is not flattered by the end of the sending window.
     */
    public record Summary(int sent, long expected, long receivedUnique, long lost, long duplicates, long outOfOrder,
                          long misdelivered, long sendErrors, Latencies.Summary latency, Double perSecond) {
    }
}
