package dev.parley.e2e.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the returning user holds, from pulls and pushes alike: messages by conversation and seq.
 * Each sender has its own single-chat conversation with the user, so per-sender order is the
 * order of seqs within a conversation.
 */
public final class OfflineInbox {
    private final int expected;
    private final BitSet ids = new BitSet();
    private final Map<String, TreeMap<Long, Integer>> bySeq = new HashMap<>();
    private long duplicates;
    private long completedAtNanos = -1;

    public OfflineInbox(int expected) {
        this.expected = expected;
    }

    /** Records message {@code id} found at {@code seq} of {@code conversationId}; the same seq seen again is not news. */
    public synchronized void add(String conversationId, long seq, int id) {
        TreeMap<Long, Integer> conversation = bySeq.computeIfAbsent(conversationId, k -> new TreeMap<>());
        Integer known = conversation.putIfAbsent(seq, id);
        if (known != null) {
            return; // pulled twice or pulled and pushed: the same stored message
        }
        if (ids.get(id)) {
            duplicates++; // stored twice under different seqs
            return;
        }
        ids.set(id);
        if (ids.cardinality() >= expected && completedAtNanos < 0) {
            completedAtNanos = System.nanoTime();
        }
    }

    public synchronized int held() {
        return ids.cardinality();
    }

    public synchronized boolean complete() {
        return completedAtNanos >= 0;
    }

    public synchronized long completedAtNanos() {
        return completedAtNanos;
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    /** Seqs of {@code conversationId} from 1 to {@code maxSeq} not held yet, as [begin, end] runs of at most {@code chunk}. */
    public synchronized List<long[]> missing(String conversationId, long maxSeq, int chunk) {
        TreeMap<Long, Integer> have = bySeq.getOrDefault(conversationId, new TreeMap<>());
        List<long[]> runs = new ArrayList<>();
        long begin = -1;
        for (long seq = 1; seq <= maxSeq + 1; seq++) {
            boolean gap = seq <= maxSeq && !have.containsKey(seq);
            if (gap && begin < 0) {
                begin = seq;
            }
            if (begin >= 0 && (!gap || seq - begin == chunk)) {
                runs.add(new long[] {begin, seq - 1});
                begin = gap ? seq : -1;
            }
        }
        return runs;
    }

    /** Per conversation, how often a message has a lower id (was sent earlier) than the one at the seq before it. */
    public synchronized long outOfOrder() {
        long count = 0;
        for (TreeMap<Long, Integer> conversation : bySeq.values()) {
            int previous = -1;
            for (int id : conversation.values()) {
                if (id < previous) {
                    count++;
                }
                previous = id;
            }
        }
        return count;
    }
}
