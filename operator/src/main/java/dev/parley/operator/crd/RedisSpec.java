package dev.parley.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Redis: sequence counters, token state and the online registry. */
public class RedisSpec implements StoreSpec {

    public static final String DEFAULT_IMAGE = "redis:7.2";
    public static final String DEFAULT_STORAGE_SIZE = "1Gi";

    @JsonPropertyDescription("Managed: the operator runs a StatefulSet. External: Parley connects to an existing server described by secretName.")
    @Default("Managed")
    private StoreMode mode = StoreMode.Managed;

    @JsonPropertyDescription("External mode: Secret with key 'url' holding redis://[:password@]host:port.")
    private String secretName;

    @JsonPropertyDescription("Container image of the managed server (Managed mode only).")
    @Default(DEFAULT_IMAGE)
    private String image = DEFAULT_IMAGE;

    @JsonPropertyDescription("Size of the managed server's persistent volume claim (Managed mode only).")
    @Default(DEFAULT_STORAGE_SIZE)
    private String storageSize = DEFAULT_STORAGE_SIZE;

    @JsonPropertyDescription("Storage class of the managed server's volume; the cluster default when unset. Immutable.")
    @ValidationRule(value = "self == oldSelf", message = "redis.storageClassName is immutable")
    private String storageClassName;

    @JsonPropertyDescription("CPU and memory requests and limits of the managed server (Managed mode only).")
    private ResourceRequirements resources;

    @Override
    public StoreMode getMode() {
        return mode;
    }

    public void setMode(StoreMode mode) {
        this.mode = mode;
    }

    @Override
    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    @Override
    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    @Override
    public String getStorageSize() {
        return storageSize;
    }

    public void setStorageSize(String storageSize) {
        this.storageSize = storageSize;
    }

    @Override
    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    @Override
    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }
}
