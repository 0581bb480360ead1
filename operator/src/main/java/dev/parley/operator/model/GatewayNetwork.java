package dev.parley.operator.model;

import dev.parley.operator.crd.ImCluster;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/** How clients reach the gateways, and how many gateways a voluntary disruption may take at once. */
public final class GatewayNetwork {

    private GatewayNetwork() {
    }

    public static Service service(ImCluster cluster) {
        String component = Role.GATEWAY.value();
        return new ServiceBuilder()
                .withMetadata(Meta.owned(cluster, Names.gatewayService(cluster), component))
                .withNewSpec()
                    .withType(cluster.getSpec().getGateway().getServiceType().name())
                    .withSelector(Meta.selector(cluster, component))
                    .addNewPort()
                        .withName(RuntimeWorkloads.HTTP_PORT_NAME)
                        .withPort(RuntimeWorkloads.HTTP_PORT)
                        .withTargetPort(new IntOrString(RuntimeWorkloads.HTTP_PORT_NAME))
                        .withProtocol("TCP")
                    .endPort()
                .endSpec()
                .build();
    }

    /** One gateway at a time: every drained gateway forces its clients to reconnect. */
    public static PodDisruptionBudget disruptionBudget(ImCluster cluster) {
        String component = Role.GATEWAY.value();
        return new PodDisruptionBudgetBuilder()
                .withMetadata(Meta.owned(cluster, Names.role(cluster, Role.GATEWAY), component))
                .withNewSpec()
                    .withMaxUnavailable(new IntOrString(1))
                    .withNewSelector().withMatchLabels(Meta.selector(cluster, component)).endSelector()
                .endSpec()
                .build();
    }

    public static String websocketUrl(ImCluster cluster) {
        return "ws://" + Names.serviceHost(cluster, Names.gatewayService(cluster)) + ":" + RuntimeWorkloads.HTTP_PORT + "/";
    }

    public static String apiUrl(ImCluster cluster) {
        return "http://" + Names.serviceHost(cluster, Names.gatewayService(cluster)) + ":" + RuntimeWorkloads.HTTP_PORT;
    }
}
