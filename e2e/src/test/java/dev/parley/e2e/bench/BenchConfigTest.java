package dev.parley.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchConfigTest {
    @Test
    void defaultsAreTheWorkloads() {
        BenchConfig c = BenchConfig.parse();
        assertEquals(200, c.users());
        assertEquals(50, c.messages());
        assertEquals(5.0, c.rate());
        assertEquals(1000, c.offlineMessages());
        assertEquals(20, c.offlineSenders());
        assertEquals(10, c.groups());
        assertEquals(100, c.groupSize());
        assertEquals(10.0, c.stepSeconds());
        assertEquals(List.copyOf(BenchConfig.PHASES), List.copyOf(c.phases()));
        assertEquals("ws://127.0.0.1:10001/", c.ws());
        assertEquals(10001, c.ports().get("runtime"));
    }

    @Test
    void smokeShrinksEverythingAndFlagsStillWin() {
        BenchConfig c = BenchConfig.parse("--smoke", "--U", "8", "--rate=10");
        assertTrue(c.smoke);
        assertEquals(8, c.users());
        assertEquals(10.0, c.rate());
        assertEquals(20, c.offlineMessages());
        assertEquals(2.0, c.stepSeconds());
        assertEquals(2, c.maxSteps());
    }

    @Test
    void pidsMayNameAServerMoreThanOnce() {
        BenchConfig c = BenchConfig.parse("--pids", "runtime=10,kafka=20,runtime=11");
        assertEquals(Map.of("runtime", List.of(10L, 11L), "kafka", List.of(20L)), c.pids());
    }

    @Test
    void badCommandLinesAreRefused() {
        assertThrows(BenchConfig.Usage.class, () -> BenchConfig.parse("--nope", "1"));
        assertThrows(BenchConfig.Usage.class, () -> BenchConfig.parse("--users", "many"));
        assertThrows(BenchConfig.Usage.class, () -> BenchConfig.parse("--phases", "load,warp"));
        assertThrows(BenchConfig.Usage.class, () -> BenchConfig.parse("--users", "50"), "groups of 100 need 100 users");
    }
}
