package dev.parley.operator.crd;

import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** What the operator needs of any backing store section, managed or external. */
public interface StoreSpec {

    StoreMode getMode();

    String getSecretName();

    String getImage();

    String getStorageSize();

    String getStorageClassName();

    ResourceRequirements getResources();

    default boolean managed() {
        return getMode() != StoreMode.External;
    }
}
