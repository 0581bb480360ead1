package dev.parley.operator.model;

import dev.parley.operator.crd.ImClusterSpec;
import dev.parley.operator.crd.StoreSpec;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which user Secrets and keys the external-mode sections need, and what to say when one is missing. */
public final class ExternalSecrets {

    public static final String MISSING = "ExternalSecretMissing";

    /** One external section: the runtime reads {@code keys} from Secret {@code secretName}. */
    public record Requirement(String section, String secretName, List<String> keys) {
    }

    private ExternalSecrets() {
    }

    public static List<Requirement> requirements(ImClusterSpec spec) {
        List<Requirement> requirements = new ArrayList<>();
        if (!spec.getKafka().managed()) {
            requirements.add(new Requirement("kafka", spec.getKafka().getSecretName(),
                    List.of(RuntimeWorkloads.EXTERNAL_BOOTSTRAP_KEY)));
        }
        store("redis", spec.getRedis(), List.of(RuntimeWorkloads.EXTERNAL_URL_KEY)).ifPresent(requirements::add);
        store("mongodb", spec.getMongodb(), List.of(RuntimeWorkloads.EXTERNAL_URL_KEY)).ifPresent(requirements::add);
        store("mysql", spec.getMysql(), List.of(RuntimeWorkloads.EXTERNAL_URL_KEY, RuntimeWorkloads.EXTERNAL_USERNAME_KEY,
                RuntimeWorkloads.EXTERNAL_PASSWORD_KEY)).ifPresent(requirements::add);
        return requirements;
    }

    private static Optional<Requirement> store(String section, StoreSpec store, List<String> keys) {
        return store.managed() ? Optional.empty() : Optional.of(new Requirement(section, store.getSecretName(), keys));
    }

    /** Empty when the live Secret has every key the runtime will read. */
    public static Optional<Problem> problem(Requirement requirement, Secret live) {
        if (requirement.secretName() == null || requirement.secretName().isBlank()) {
            return Optional.of(new Problem(MISSING, "spec." + requirement.section() + ".mode is External but spec."
                    + requirement.section() + ".secretName is not set."));
        }
        if (live == null) {
            return Optional.of(new Problem(MISSING, "Secret " + requirement.secretName() + " for external "
                    + requirement.section() + " does not exist; create it with keys " + requirement.keys() + "."));
        }
        var data = Credentials.decode(live);
        List<String> missing = requirement.keys().stream().filter(k -> data.get(k) == null || data.get(k).isBlank()).toList();
        if (!missing.isEmpty()) {
            return Optional.of(new Problem(MISSING, "Secret " + requirement.secretName() + " for external "
                    + requirement.section() + " lacks keys " + missing + "."));
        }
        return Optional.empty();
    }
}
