package dev.parley.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {
    @Test
    void countsLostDuplicateAndReorderedDeliveriesExactly() {
        DeliveryLedger ledger = new DeliveryLedger(3);
        int a = ledger.register(0, 1, 1_000);
        int b = ledger.register(0, 1, 2_000);
        int c = ledger.register(0, 1, 3_000);
        int d = ledger.register(2, 1, 4_000);
        ledger.receive(b, 1, 2_000, 12_000);
        ledger.receive(a, 1, 1_000, 13_000); // after b from the same sender: reordered
        ledger.receive(a, 1, 1_000, 14_000); // again: duplicate
        ledger.receive(d, 1, 4_000, 15_000); // another sender: its own order
        // c never arrives

        DeliveryLedger.Summary s = ledger.summary();
        assertEquals(4, s.sent());
        assertEquals(3, s.receivedUnique());
        assertEquals(1, s.lost());
        assertEquals(1, s.duplicates());
        assertEquals(1, s.outOfOrder());
        assertEquals(0, s.misdelivered());
        assertEquals(11.0, s.latency().p50()); // 10, 12, 11 ms
        assertEquals(12.0, s.latency().max());
        assertFalse(ledger.complete());
        ledger.receive(c, 1, 3_000, 16_000);
        assertTrue(ledger.complete());
        assertEquals(1, ledger.summary().outOfOrder(), "c after b is in order");
    }

    @Test
    void deliveryToTheWrongUserOrAnUnknownIdIsMisdelivered() {
        DeliveryLedger ledger = new DeliveryLedger(3);
        int a = ledger.register(0, 1, 0);
        ledger.receive(a, 2, 0, 1);
        ledger.receive(a, 0, 0, 1);
        ledger.receive(99, 1, 0, 1);
        DeliveryLedger.Summary s = ledger.summary();
        assertEquals(3, s.misdelivered());
        assertEquals(0, s.receivedUnique());
        assertEquals(1, s.lost());
    }

    @Test
    void groupMessagesOweOneDeliveryPerOtherMember() {
        DeliveryLedger ledger = new DeliveryLedger(4);
        int m = ledger.registerGroup(0, 7, 3, 0);
        ledger.receive(m, 1, 0, 2_000);
        ledger.receive(m, 2, 0, 3_000);
        ledger.receive(m, 2, 0, 3_500);
        DeliveryLedger.Summary s = ledger.summary();
        assertEquals(3, s.expected());
        assertEquals(2, s.receivedUnique());
        assertEquals(1, s.lost());
        assertEquals(1, s.duplicates());
        assertEquals(2 / 0.003, s.perSecond(), 0.1);
    }

    @Test
    void orderIsKeptPerConversationNotAcrossGroups() {
        DeliveryLedger ledger = new DeliveryLedger(3);
        int first = ledger.registerGroup(0, 1, 1, 0);
        int second = ledger.registerGroup(0, 2, 1, 0);
        int third = ledger.registerGroup(0, 2, 1, 0);
        ledger.receive(second, 1, 0, 1);
        ledger.receive(first, 1, 0, 2); // other group: no order to keep
        ledger.receive(third, 2, 0, 3);
        ledger.receive(second, 2, 0, 4); // same group, same sender: reordered
        assertEquals(1, ledger.summary().outOfOrder());
    }

    @Test
    void failedSendsAreCountedButStayExpected() {
        DeliveryLedger ledger = new DeliveryLedger(2);
        int a = ledger.register(0, 1, 0);
        ledger.sendFailed(a);
        DeliveryLedger.Summary s = ledger.summary();
        assertEquals(1, s.sendErrors());
        assertEquals(1, s.lost());
    }
}
