package dev.parley.operator.model;

import dev.parley.operator.crd.ImCluster;

/** The one place that knows what every owned object of an ImCluster is called. */
public final class Names {

    private Names() {
    }

    public static String credentialsSecret(ImCluster cluster) {
        return cluster.getMetadata().getName() + "-credentials";
    }

    public static String runtimeConfig(ImCluster cluster) {
        return cluster.getMetadata().getName() + "-config";
    }

    public static String role(ImCluster cluster, Role role) {
        return cluster.getMetadata().getName() + "-" + role.value();
    }

    public static String store(ImCluster cluster, Store store) {
        return cluster.getMetadata().getName() + "-" + store.value();
    }

    /** The Strimzi Kafka is named after the cluster so its bootstrap Service is {@code <cluster>-kafka-bootstrap}. */
    public static String kafka(ImCluster cluster) {
        return cluster.getMetadata().getName();
    }

    public static String kafkaNodePool(ImCluster cluster) {
        return cluster.getMetadata().getName() + "-nodes";
    }

    public static String kafkaTopic(ImCluster cluster, Topic topic) {
        return cluster.getMetadata().getName() + "-" + topic.suffix();
    }

    public static String kafkaBootstrap(ImCluster cluster) {
        return kafka(cluster) + "-kafka-bootstrap:9092";
    }

    public static String gatewayService(ImCluster cluster) {
        return role(cluster, Role.GATEWAY);
    }

    /** In-cluster DNS name of a Service of this cluster. */
    public static String serviceHost(ImCluster cluster, String service) {
        return service + "." + cluster.getMetadata().getNamespace() + ".svc";
    }
}
