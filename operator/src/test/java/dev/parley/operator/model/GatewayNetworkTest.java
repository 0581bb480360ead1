package dev.parley.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.operator.TestClusters;
import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.crd.ServiceType;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

class GatewayNetworkTest {

    private final ImCluster cluster = TestClusters.stored("alpha");

    @Test
    void serviceExposesTheHttpPortWithTheConfiguredType() {
        cluster.getSpec().getGateway().setServiceType(ServiceType.LoadBalancer);
        Service service = GatewayNetwork.service(cluster);
        assertEquals("alpha-gateway", service.getMetadata().getName());
        assertEquals("LoadBalancer", service.getSpec().getType());
        assertEquals(10001, service.getSpec().getPorts().get(0).getPort());
        assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        assertEquals(Meta.selector(cluster, "gateway"), service.getSpec().getSelector());
    }

    @Test
    void disruptionBudgetLetsOneGatewayGoAtATime() {
        PodDisruptionBudget pdb = GatewayNetwork.disruptionBudget(cluster);
        assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal());
        assertEquals(Meta.selector(cluster, "gateway"), pdb.getSpec().getSelector().getMatchLabels());
        assertEquals("ImCluster", pdb.getMetadata().getOwnerReferences().get(0).getKind());
    }

    @Test
    void endpointsNameTheGatewayService() {
        assertEquals("ws://alpha-gateway.chat.svc:10001/", GatewayNetwork.websocketUrl(cluster));
        assertEquals("http://alpha-gateway.chat.svc:10001", GatewayNetwork.apiUrl(cluster));
    }
}
