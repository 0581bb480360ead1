package dev.parley.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

public class RuntimeSpec {

    public static final String DEFAULT_IMAGE = "parley/runtime";
    public static final String DEFAULT_VERSION = "0.1.0";

    @JsonPropertyDescription("Container image of the Parley runtime, without tag; one image serves every role.")
    @Default(DEFAULT_IMAGE)
    private String image = DEFAULT_IMAGE;

    @JsonPropertyDescription("Tag of the runtime image to run.")
    @Default(DEFAULT_VERSION)
    private String version = DEFAULT_VERSION;

    @JsonPropertyDescription("Image pull policy of the runtime containers (Always, IfNotPresent, Never); Kubernetes' default when unset.")
    private String imagePullPolicy;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getImagePullPolicy() {
        return imagePullPolicy;
    }

    public void setImagePullPolicy(String imagePullPolicy) {
        this.imagePullPolicy = imagePullPolicy;
    }

    /** The full image reference the Deployments run. */
    public String imageReference() {
        return image + ":" + version;
    }
}
