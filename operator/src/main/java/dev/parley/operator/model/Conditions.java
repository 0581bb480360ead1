package dev.parley.operator.model;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;

/** Condition bookkeeping: a condition's lastTransitionTime moves only when its status flips. */
public final class Conditions {

    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    public static final String PAUSED = "Paused";

    private Conditions() {
    }

    public static Condition next(List<Condition> previous, String type, boolean status, String reason, String message,
                                 Long generation, String now) {
        String statusValue = status ? "True" : "False";
        String transition = previous == null ? now : previous.stream()
                .filter(c -> type.equals(c.getType()) && statusValue.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .findFirst().orElse(now);
        return new ConditionBuilder()
                .withType(type)
                .withStatus(statusValue)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(transition)
                .build();
    }
}
