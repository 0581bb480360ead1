package dev.parley.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineTest {
    @Test
    void busyTimeExcludesIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertArrayEquals(new long[] {60, 160}, Machine.parseCpuLine("cpu  30 5 20 90 10 3 1 1 7 0"));
        assertNull(Machine.parseCpuLine("cpu0 1 2 3 4 5 6 7 8"));
    }

    @Test
    void listenersAreFoundByPortInBothSocketTables() {
        String v4 = "   0: 0100007F:2711 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0";
        String v6 = "   1: 00000000000000000000000000000000:2711 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1";
        String established = "   2: 0100007F:2711 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 999 1";
        assertEquals("4242", Machine.listeningInode(v4, 10001));
        assertEquals("777", Machine.listeningInode(v6, 10001));
        assertNull(Machine.listeningInode(v4, 10011));
        assertNull(Machine.listeningInode(established, 10001));
    }

    @Test
    void ownProcessIsMeasurable() {
        long pid = ProcessHandle.current().pid();
        assertEquals(1, Machine.rssKb(List.of("self"), java.util.Map.of("self", List.of(pid))).values().stream()
                .filter(v -> v != null && v > 0).count());
        assertNull(Machine.rssKb(List.of("ghost"), java.util.Map.of()).get("ghost"));
    }
}
