package dev.parley.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.operator.TestClusters;
import dev.parley.operator.crd.ComponentStatus;
import dev.parley.operator.crd.ComponentsStatus;
import dev.parley.operator.crd.EndpointsStatus;
import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.crd.ImClusterStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterStatusTest {

    private static final String T1 = "2026-01-01T00:00:00Z";
    private static final String T2 = "2026-01-01T00:05:00Z";

    private final ImCluster cluster = TestClusters.stored("alpha");

    private static ComponentsStatus components(int gatewayReady) {
        ComponentsStatus components = new ComponentsStatus();
        components.setGateway(ComponentStatus.replicas(2, gatewayReady));
        components.setTransfer(ComponentStatus.replicas(1, 1));
        components.setKafka(ComponentStatus.external(true));
        return components;
    }

    private ImClusterStatus reconcile(int gatewayReady, List<Problem> problems, String now) {
        ImClusterStatus status = ClusterStatus.reconciled(cluster,
                new ClusterStatus.Observation(components(gatewayReady), new EndpointsStatus("ws", "http", null), 8, problems), now);
        cluster.setStatus(status);
        return status;
    }

    private static Condition condition(ImClusterStatus status, String type) {
        return status.condition(type).orElseThrow();
    }

    @Test
    void notReadyWhileAnyComponentWaits() {
        ImClusterStatus status = reconcile(1, List.of(), T1);
        assertEquals("False", condition(status, Conditions.READY).getStatus());
        assertEquals("Waiting for gateway (1/2 ready).", condition(status, Conditions.READY).getMessage());
        assertEquals("True", condition(status, Conditions.PROGRESSING).getStatus());
        assertEquals("False", condition(status, Conditions.DEGRADED).getStatus());
        assertEquals(1L, status.getObservedGeneration());
        assertEquals(1L, condition(status, Conditions.READY).getObservedGeneration());
    }

    @Test
    void readyWhenEveryComponentIsReady() {
        ImClusterStatus status = reconcile(2, List.of(), T1);
        assertEquals("True", condition(status, Conditions.READY).getStatus());
        assertEquals("False", condition(status, Conditions.PROGRESSING).getStatus());
        assertEquals(8, status.getPartitions());
    }

    @Test
    void transitionTimeMovesOnlyWhenTheStatusFlips() {
        reconcile(1, List.of(), T1);
        ImClusterStatus same = reconcile(1, List.of(), T2);
        assertEquals(T1, condition(same, Conditions.READY).getLastTransitionTime());
        ImClusterStatus flipped = reconcile(2, List.of(), T2);
        assertEquals(T2, condition(flipped, Conditions.READY).getLastTransitionTime());
        assertEquals(T1, condition(flipped, Conditions.DEGRADED).getLastTransitionTime());
    }

    @Test
    void unchangedObservationGivesAnEqualStatus() {
        ImClusterStatus first = reconcile(2, List.of(), T1);
        ImClusterStatus second = reconcile(2, List.of(), T2);
        assertEquals(first, second, "equal statuses are what keeps the operator from patching in a loop");
    }

    @Test
    void problemsDegradeWithTheFirstReasonAndEveryMessage() {
        ImClusterStatus status = reconcile(2, List.of(new Problem(Problem.STRIMZI_NOT_INSTALLED, "Install Strimzi."),
                new Problem(Problem.APPLY_FAILED, "Could not apply X.")), T1);
        Condition degraded = condition(status, Conditions.DEGRADED);
        assertEquals("True", degraded.getStatus());
        assertEquals(Problem.STRIMZI_NOT_INSTALLED, degraded.getReason());
        assertEquals("Install Strimzi. Could not apply X.", degraded.getMessage());
    }

    @Test
    void pausedKeepsTheLastStatusAndSaysWhy() {
        ImClusterStatus before = reconcile(2, List.of(), T1);
        cluster.getMetadata().setGeneration(2L);
        ImClusterStatus paused = ClusterStatus.paused(cluster, T2);
        assertEquals(1L, paused.getObservedGeneration(), "the new generation was not acted on");
        assertEquals(condition(before, Conditions.READY), condition(paused, Conditions.READY));
        Condition condition = condition(paused, Conditions.PAUSED);
        assertEquals("True", condition.getStatus());
        assertTrue(condition.getMessage().contains(ImCluster.PAUSE_ANNOTATION));
        cluster.setStatus(paused);
        assertEquals(paused, ClusterStatus.paused(cluster, "2026-01-02T00:00:00Z"), "pausing is idempotent");

        ImClusterStatus resumed = reconcile(2, List.of(), T2);
        assertFalse(resumed.condition(Conditions.PAUSED).isPresent());
    }
}
