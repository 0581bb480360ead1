package dev.parley.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** MySQL: the storage library, every message for the cold retention period; cheap (HDD) storage is enough. */
public class MySqlSpec implements StoreSpec {

    public static final String DEFAULT_IMAGE = "mysql:8.4";
    public static final String DEFAULT_STORAGE_SIZE = "50Gi";
    public static final String DEFAULT_STORAGE_CLASS = "hdd";

    @JsonPropertyDescription("Managed: the operator runs a StatefulSet. External: Parley connects to an existing server described by secretName.")
    @Default("Managed")
    private StoreMode mode = StoreMode.Managed;

    @JsonPropertyDescription("External mode: Secret with keys 'url' (jdbc:mysql://host:port/database), 'username' and 'password'.")
    private String secretName;

    @JsonPropertyDescription("Container image of the managed server (Managed mode only).")
    @Default(DEFAULT_IMAGE)
    private String image = DEFAULT_IMAGE;

    @JsonPropertyDescription("Size of the managed server's persistent volume claim (Managed mode only).")
    @Default(DEFAULT_STORAGE_SIZE)
    private String storageSize = DEFAULT_STORAGE_SIZE;

    @JsonPropertyDescription("Storage class of the managed server's volume; an HDD class, since the storage library is written in batches and read rarely. Immutable.")
    @Default(DEFAULT_STORAGE_CLASS)
    @ValidationRule(value = "self == oldSelf", message = "mysql.storageClassName is immutable")
    private String storageClassName = DEFAULT_STORAGE_CLASS;

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
