package dev.parley.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.operator.TestClusters;
import dev.parley.operator.crd.ImCluster;
import io.fabric8.kubernetes.api.model.Event;
import org.junit.jupiter.api.Test;

class RolloutEventsTest {

    @Test
    void eventNamesTheClusterTheReasonAndWhatChanged() {
        ImCluster cluster = TestClusters.stored("alpha");
        String message = RolloutEvents.message(Role.GATEWAY, RolloutEvents.RestartReason.ConfigChanged, "aaa", "bbb");
        assertEquals("Rolling gateway pods: runtime configuration changed (aaa -> bbb).", message);
        Event event = RolloutEvents.event(cluster, RolloutEvents.RestartReason.ConfigChanged, message, "2026-01-01T00:00:00Z", "x1");
        assertEquals("alpha.x1", event.getMetadata().getName());
        assertEquals("chat", event.getMetadata().getNamespace());
        assertEquals("ConfigChanged", event.getReason());
        assertEquals("Normal", event.getType());
        assertEquals("ImCluster", event.getInvolvedObject().getKind());
        assertEquals("uid-alpha", event.getInvolvedObject().getUid());
        assertEquals(RolloutEvents.COMPONENT, event.getSource().getComponent());
    }
}
