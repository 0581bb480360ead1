package dev.parley.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One Parley installation: the IM runtime roles plus the Kafka, Redis, MongoDB and MySQL they use. */
@Group(ImCluster.GROUP)
@Version(ImCluster.VERSION)
@ShortNames("imc")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Gateway", jsonPath = ".status.components.gateway.readyReplicas",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Partitions", jsonPath = ".status.partitions",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class ImCluster extends CustomResource<ImClusterSpec, ImClusterStatus> implements Namespaced {

    public static final String GROUP = "parley.dev";
    public static final String VERSION = "v1alpha1";
    /** Setting this annotation to "true" freezes every owned object until it is removed. */
    public static final String PAUSE_ANNOTATION = "parley.dev/pause-reconciliation";

    @Override
    protected ImClusterSpec initSpec() {
        return new ImClusterSpec();
    }

    @JsonIgnore
    public boolean isPaused() {
        var annotations = getMetadata().getAnnotations();
        return annotations != null && "true".equalsIgnoreCase(annotations.get(PAUSE_ANNOTATION));
    }
}
