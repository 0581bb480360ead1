package dev.parley.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Readiness of one component as its workload reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentStatus {

    @JsonPropertyDescription("Replicas the spec asks for (0 for external services).")
    private Integer desiredReplicas;

    @JsonPropertyDescription("Replicas that pass their readiness probe.")
    private Integer readyReplicas;

    @JsonPropertyDescription("True when the component can serve: all desired replicas ready, or the external service is configured.")
    private Boolean ready;

    @JsonPropertyDescription("True when the component is an external service the operator does not run.")
    private Boolean external;

    public ComponentStatus() {
    }

    public ComponentStatus(Integer desiredReplicas, Integer readyReplicas, Boolean ready, Boolean external) {
        this.desiredReplicas = desiredReplicas;
        this.readyReplicas = readyReplicas;
        this.ready = ready;
        this.external = external;
    }

    public static ComponentStatus replicas(int desired, int ready) {
        return new ComponentStatus(desired, ready, ready >= desired, null);
    }

    /** @param configured whether the Secret describing the external service has what the runtime reads */
    public static ComponentStatus external(boolean configured) {
        return new ComponentStatus(0, 0, configured, true);
    }

    public Integer getDesiredReplicas() {
        return desiredReplicas;
    }

    public void setDesiredReplicas(Integer desiredReplicas) {
        this.desiredReplicas = desiredReplicas;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public Boolean getReady() {
        return ready;
    }

    public void setReady(Boolean ready) {
        this.ready = ready;
    }

    public Boolean getExternal() {
        return external;
    }

    public void setExternal(Boolean external) {
        this.external = external;
    }

    public boolean readyNow() {
        return Boolean.TRUE.equals(ready);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentStatus other
                && Objects.equals(desiredReplicas, other.desiredReplicas)
                && Objects.equals(readyReplicas, other.readyReplicas)
                && Objects.equals(ready, other.ready)
                && Objects.equals(external, other.external);
    }

    @Override
    public int hashCode() {
        return Objects.hash(desiredReplicas, readyReplicas, ready, external);
    }
}
