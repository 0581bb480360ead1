package dev.parley.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the operator last observed; only changes when something observable changed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImClusterStatus {

    @JsonPropertyDescription("The metadata.generation of the spec the operator last acted on.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready, Progressing and Degraded (and Paused while paused), each with its own observedGeneration.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Desired and ready replicas of every component.")
    private ComponentsStatus components;

    @JsonPropertyDescription("Addresses clients and admin tools connect to.")
    private EndpointsStatus endpoints;

    @JsonPropertyDescription("Partitions the messages topic has (or was configured with, for external Kafka); spec.kafka.partitions may not go below it.")
    private Integer partitions;

    public Optional<Condition> condition(String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public ComponentsStatus getComponents() {
        return components;
    }

    public void setComponents(ComponentsStatus components) {
        this.components = components;
    }

    public EndpointsStatus getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(EndpointsStatus endpoints) {
        this.endpoints = endpoints;
    }

    public Integer getPartitions() {
        return partitions;
    }

    public void setPartitions(Integer partitions) {
        this.partitions = partitions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImClusterStatus other
                && Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(conditions, other.conditions)
                && Objects.equals(components, other.components)
                && Objects.equals(endpoints, other.endpoints)
                && Objects.equals(partitions, other.partitions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, conditions, components, endpoints, partitions);
    }
}
