package dev.parley.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineInboxTest {
    @Test
    void sameSeqSeenTwiceIsOneMessageButSameIdAtTwoSeqsIsADuplicate() {
        OfflineInbox inbox = new OfflineInbox(3);
        inbox.add("si_a_x", 1, 0);
        inbox.add("si_a_x", 1, 0); // pulled and pushed
        inbox.add("si_a_x", 2, 0); // stored twice
        inbox.add("si_a_x", 3, 1);
        assertEquals(2, inbox.held());
        assertEquals(1, inbox.duplicates());
        assertFalse(inbox.complete());
        inbox.add("si_b_x", 1, 2);
        assertTrue(inbox.complete());
    }

    @Test
    void outOfOrderIsAnIdGoingBackwardsAlongTheSeqsOfOneSender() {
        OfflineInbox inbox = new OfflineInbox(10);
        inbox.add("si_a_x", 1, 0);
        inbox.add("si_a_x", 2, 5);
        inbox.add("si_a_x", 3, 3);
        inbox.add("si_b_x", 1, 1); // other senders interleave ids freely
        inbox.add("si_b_x", 2, 4);
        assertEquals(1, inbox.outOfOrder());
    }

    @Test
    void missingSeqsComeAsBoundedRuns() {
        OfflineInbox inbox = new OfflineInbox(1000);
        for (long seq = 1; seq <= 250; seq++) {
            if (seq != 5 && seq != 6 && seq < 30) {
                inbox.add("c", seq, (int) seq);
            }
        }
        List<long[]> runs = inbox.missing("c", 250, 100);
        assertEquals(4, runs.size());
        assertArrayEquals(new long[] {5, 6}, runs.get(0));
        assertArrayEquals(new long[] {30, 129}, runs.get(1));
        assertArrayEquals(new long[] {130, 229}, runs.get(2));
        assertArrayEquals(new long[] {230, 250}, runs.get(3));
        assertEquals(List.of(), new OfflineInbox(1).missing("none", 0, 100));
        assertArrayEquals(new long[] {1, 3}, new OfflineInbox(1).missing("none", 3, 100).get(0));
    }
}
