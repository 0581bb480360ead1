package dev.parley.operator.reconciler;

import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.model.StrimziResources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;

/**
 * Plays the parts of a cluster the mock API server lacks: the controllers that make workloads
 * ready, Strimzi's status reporting, and installing or removing the Strimzi CRDs.
 */
final class MockCluster {

    private final KubernetesClient client;

    MockCluster(KubernetesClient client) {
        this.client = client;
    }

    void installStrimzi() {
        for (ResourceDefinitionContext type : List.of(StrimziResources.KAFKA, StrimziResources.NODE_POOL, StrimziResources.TOPIC)) {
            CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                    .withNewMetadata().withName(type.getPlural() + "." + type.getGroup()).endMetadata()
                    .withNewSpec()
                        .withGroup(type.getGroup())
                        .withScope("Namespaced")
                        .withNewNames().withKind(type.getKind()).withPlural(type.getPlural()).endNames()
                        .addNewVersion().withName("v1").withServed(true).withStorage(true)
                            .withNewSubresources().withNewStatus().endStatus().endSubresources()
                        .endVersion()
                    .endSpec()
                    .build();
            client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(existing -> existing.update());
        }
    }

    void uninstallStrimzi() {
        for (String name : StrimziResources.REQUIRED_CRDS) {
            client.apiextensions().v1().customResourceDefinitions().withName(name).delete();
        }
    }

    void deploymentReady(String namespace, String name) {
        client.apps().deployments().inNamespace(namespace).withName(name).editStatus(d -> {
            int replicas = d.getSpec().getReplicas();
            d.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
                    .withAvailableReplicas(replicas).withUpdatedReplicas(replicas).build());
            return d;
        });
    }

    void statefulSetReady(String namespace, String name) {
        client.apps().statefulSets().inNamespace(namespace).withName(name).editStatus(s -> {
            int replicas = s.getSpec().getReplicas();
            s.setStatus(new StatefulSetStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
                    .withAvailableReplicas(replicas).build());
            return s;
        });
    }

    void kafkaReady(String namespace, String name) {
        client.genericKubernetesResources(StrimziResources.KAFKA).inNamespace(namespace).withName(name).editStatus(k -> {
            k.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
            return k;
        });
    }

    GenericKubernetesResource strimzi(ResourceDefinitionContext type, String namespace, String name) {
        return client.genericKubernetesResources(type).inNamespace(namespace).withName(name).get();
    }

    ImCluster imCluster(String namespace, String name) {
        return client.resources(ImCluster.class).inNamespace(namespace).withName(name).get();
    }
}
