package dev.parley.operator.reconciler;

import dev.parley.operator.model.Problem;
import dev.parley.operator.model.StrimziResources;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tells whether the Strimzi CRDs this operator writes are installed and serve {@code v1}. Looked up
 * on every reconcile of a managed-Kafka cluster, so installing Strimzi later heals the cluster.
 */
public class StrimziDetector {

    private final KubernetesClient client;

    public StrimziDetector(KubernetesClient client) {
        this.client = client;
    }

    /** Empty when Strimzi is usable; otherwise the problem that says what to install. */
    public Optional<Problem> check() {
        List<String> missing = new ArrayList<>();
        List<String> withoutV1 = new ArrayList<>();
        for (String name : StrimziResources.REQUIRED_CRDS) {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
            if (crd == null) {
                missing.add(name);
            } else if (crd.getSpec().getVersions().stream()
                    .noneMatch(v -> StrimziResources.VERSION.equals(v.getName()) && Boolean.TRUE.equals(v.getServed()))) {
                withoutV1.add(name);
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of(new Problem(Problem.STRIMZI_NOT_INSTALLED,
                    "spec.kafka.mode is Managed but the Strimzi CRDs " + String.join(", ", missing)
                            + " are not installed: install the Strimzi cluster operator (a release serving "
                            + StrimziResources.API_VERSION + ") watching this namespace, or set spec.kafka.mode to "
                            + "External with a bootstrap-servers secret. Everything except Kafka is reconciled meanwhile."));
        }
        if (!withoutV1.isEmpty()) {
            return Optional.of(new Problem(Problem.STRIMZI_NOT_INSTALLED,
                    "The installed Strimzi CRDs " + String.join(", ", withoutV1) + " do not serve "
                            + StrimziResources.API_VERSION + ": upgrade the Strimzi cluster operator to a release that does."));
        }
        return Optional.empty();
    }
}
