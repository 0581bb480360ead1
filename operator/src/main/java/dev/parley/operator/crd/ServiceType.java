package dev.parley.operator.crd;

/** The Kubernetes Service types a gateway may be exposed with. */
public enum ServiceType {
    ClusterIP,
    NodePort,
    LoadBalancer
}
