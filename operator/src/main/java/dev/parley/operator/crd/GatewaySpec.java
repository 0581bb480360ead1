package dev.parley.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The gateway role: holds the clients' WebSocket connections and serves the HTTP API. */
public class GatewaySpec implements RoleSpec {

    @JsonPropertyDescription("Number of gateway pods.")
    @Default("2")
    @ValidationRule(value = "self >= 0", message = "gateway.replicas must be >= 0")
    private int replicas = 2;

    @JsonPropertyDescription("CPU and memory requests and limits of each gateway pod.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Type of the Service clients connect through: ClusterIP, NodePort or LoadBalancer.")
    @Default("ClusterIP")
    private ServiceType serviceType = ServiceType.ClusterIP;

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

    public ServiceType getServiceType() {
        return serviceType;
    }

    public void setServiceType(ServiceType serviceType) {
        this.serviceType = serviceType;
    }
}
