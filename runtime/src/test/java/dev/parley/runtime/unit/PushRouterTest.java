package dev.parley.runtime.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.runtime.delivery.GatewayBatch;
import dev.parley.runtime.push.PushRouter;
import dev.parley.runtime.store.redis.OnlineRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushRouterTest {

    @Test
    void eachGatewayGetsOnlyItsOwnConnections() {
        var msg = new PushRouter.Routed("si_a_b", "op-1", new byte[] {1}, List.of("a", "b"));
        Map<String, List<OnlineRegistry.Session>> sessions = Map.of(
                "a", List.of(new OnlineRegistry.Session("a", "gw1", "c1", 5, "t")),
                "b", List.of(new OnlineRegistry.Session("b", "gw2", "c2", 1, "t"), new OnlineRegistry.Session("b", "gw2", "c3", 2, "t")),
                "x", List.of(new OnlineRegistry.Session("x", "gw3", "c4", 1, "t")));

        Map<String, GatewayBatch> batches = PushRouter.route(List.of(msg), sessions);

        assertEquals(List.of("gw1", "gw2"), List.copyOf(batches.keySet()), "gw3 holds no recipient and gets nothing");
        assertEquals(List.of("c1"), batches.get("gw1").pushes().get(0).connectionIds());
        assertEquals(List.of("c2", "c3"), batches.get("gw2").pushes().get(0).connectionIds());
        assertEquals("op-1", batches.get("gw2").pushes().get(0).operationID());
    }

    @Test
    void offlineRecipientsProduceNoBatch() {
        var msg = new PushRouter.Routed("si_a_b", "op-1", new byte[] {1}, List.of("a", "b"));
        assertEquals(Map.of(), PushRouter.route(List.of(msg), Map.of()));
    }
}
