package dev.parley.operator.model;

import dev.parley.operator.crd.ComponentStatus;
import dev.parley.operator.crd.ComponentsStatus;
import dev.parley.operator.crd.EndpointsStatus;
import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.crd.ImClusterStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns what a reconcile observed into the ImCluster status; pure, so every rule is unit-tested. */
public final class ClusterStatus {

    private ClusterStatus() {
    }

    /** What one reconcile saw after applying the desired state. */
    public record Observation(ComponentsStatus components, EndpointsStatus endpoints, int partitions,
                              List<Problem> problems) {
    }

    public static ImClusterStatus reconciled(ImCluster cluster, Observation observed, String now) {
        ImClusterStatus previous = cluster.getStatus();
        List<Condition> before = previous == null ? null : previous.getConditions();
        Long generation = cluster.getMetadata().getGeneration();

        String waiting = notReady(observed.components());
        boolean ready = waiting.isEmpty();
        List<Problem> problems = observed.problems();

        List<Condition> conditions = new ArrayList<>();
        conditions.add(Conditions.next(before, Conditions.READY, ready,
                ready ? "AllComponentsReady" : "ComponentsNotReady",
                ready ? "All components are ready." : "Waiting for " + waiting + ".", generation, now));
        conditions.add(Conditions.next(before, Conditions.PROGRESSING, !ready,
                ready ? "RolloutComplete" : "RollingOut",
                ready ? "Generation " + generation + " is rolled out." : "Rolling out generation " + generation
                        + "; waiting for " + waiting + ".", generation, now));
        conditions.add(Conditions.next(before, Conditions.DEGRADED, !problems.isEmpty(),
                problems.isEmpty() ? "AsExpected" : problems.get(0).reason(),
                problems.isEmpty() ? "No problems." : problems.stream().map(Problem::message).collect(Collectors.joining(" ")),
                generation, now));

        ImClusterStatus status = new ImClusterStatus();
        status.setObservedGeneration(generation);
        status.setConditions(conditions);
        status.setComponents(observed.components());
        status.setEndpoints(observed.endpoints());
        status.setPartitions(observed.partitions());
        return status;
    }

    /** While paused the status keeps what it last said and adds why nothing changes. */
    public static ImClusterStatus paused(ImCluster cluster, String now) {
        ImClusterStatus previous = cluster.getStatus();
        ImClusterStatus status = new ImClusterStatus();
        List<Condition> conditions = new ArrayList<>();
        if (previous != null) {
            status.setObservedGeneration(previous.getObservedGeneration());
            status.setComponents(previous.getComponents());
            status.setEndpoints(previous.getEndpoints());
            status.setPartitions(previous.getPartitions());
            if (previous.getConditions() != null) {
                previous.getConditions().stream().filter(c -> !Conditions.PAUSED.equals(c.getType())).forEach(conditions::add);
            }
        }
        conditions.add(Conditions.next(previous == null ? null : previous.getConditions(), Conditions.PAUSED, true,
                "ReconciliationPaused", "Annotation " + ImCluster.PAUSE_ANNOTATION
                        + " is \"true\": no owned object is changed until it is removed.",
                cluster.getMetadata().getGeneration(), now));
        status.setConditions(conditions);
        return status;
    }

    /** "gateway (1/2 ready), kafka" — empty when everything is ready. */
    static String notReady(ComponentsStatus components) {
        List<String> waiting = new ArrayList<>();
        for (Map.Entry<String, ComponentStatus> entry : components.byName().entrySet()) {
            ComponentStatus component = entry.getValue();
            if (!component.readyNow()) {
                waiting.add(component.getDesiredReplicas() == null || component.getReadyReplicas() == null ? entry.getKey()
                        : entry.getKey() + " (" + component.getReadyReplicas() + "/" + component.getDesiredReplicas() + " ready)");
            }
        }
        return String.join(", ", waiting);
    }
}
