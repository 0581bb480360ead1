package dev.parley.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** A role without client connections (transfer, push): only its size and resources are tunable. */
public class WorkerSpec implements RoleSpec {

    @JsonPropertyDescription("Number of pods of this role. More pods than Kafka partitions leaves the extra pods idle.")
    @Default("1")
    @ValidationRule(value = "self >= 0", message = "replicas must be >= 0")
    private int replicas = 1;

    @JsonPropertyDescription("CPU and memory requests and limits of each pod of this role.")
    private ResourceRequirements resources;

    @Override
    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    @Override
    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }
}
