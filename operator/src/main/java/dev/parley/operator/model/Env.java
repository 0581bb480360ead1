package dev.parley.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/** Environment variable shapes shared by the builders. */
final class Env {

    private Env() {
    }

    static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom()
                .build();
    }

    static EnvVar fromField(String name, String fieldPath) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewFieldRef().withFieldPath(fieldPath).endFieldRef().endValueFrom()
                .build();
    }
}
