package dev.parley.operator.model;

import dev.parley.operator.crd.ImCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;

/** Kubernetes Events that say why the operator restarted pods. */
public final class RolloutEvents {

    public static final String COMPONENT = "parley-operator";

    /** Why a Deployment's pods roll; the name is the Event's reason. */
    public enum RestartReason {
        ConfigChanged("runtime configuration changed"),
        ImageChanged("runtime image changed");

        private final String description;

        RestartReason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private RolloutEvents() {
    }

    public static String message(Role role, RestartReason reason, String from, String to) {
        return "Rolling " + role.value() + " pods: " + reason.description() + " (" + from + " -> " + to + ").";
    }

    /** @param suffix makes the Event name unique; the caller passes something time-based */
    public static Event event(ImCluster cluster, RestartReason reason, String message, String now, String suffix) {
        return new EventBuilder()
                .withNewMetadata()
                    .withName(cluster.getMetadata().getName() + "." + suffix)
                    .withNamespace(cluster.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                    .withApiVersion(cluster.getApiVersion())
                    .withKind(cluster.getKind())
                    .withName(cluster.getMetadata().getName())
                    .withNamespace(cluster.getMetadata().getNamespace())
                    .withUid(cluster.getMetadata().getUid())
                .endInvolvedObject()
                .withType("Normal")
                .withReason(reason.name())
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
    }
}
