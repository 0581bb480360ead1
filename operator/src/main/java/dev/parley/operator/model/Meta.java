package dev.parley.operator.model;

import dev.parley.operator.crd.ImCluster;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Labels and metadata shared by every object an ImCluster owns. */
public final class Meta {

    public static final String NAME_LABEL = "app.kubernetes.io/name";
    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "parley-operator";
    public static final String CONFIG_HASH_ANNOTATION = "parley.dev/config-hash";

    private Meta() {
    }

    /** The labels a workload's pods are selected by; never change them, selectors are immutable. */
    public static Map<String, String> selector(ImCluster cluster, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME_LABEL, "parley");
        labels.put(INSTANCE_LABEL, cluster.getMetadata().getName());
        labels.put(COMPONENT_LABEL, component);
        return labels;
    }

    public static Map<String, String> labels(ImCluster cluster, String component) {
        Map<String, String> labels = selector(cluster, component);
        labels.put(PART_OF_LABEL, "parley");
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        return labels;
    }

    /** Metadata of an owned object: deleted by the garbage collector with its ImCluster. */
    public static ObjectMeta owned(ImCluster cluster, String name, String component) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(labels(cluster, component))
                .withOwnerReferences(ownerReference(cluster))
                .build();
    }

    public static OwnerReference ownerReference(ImCluster cluster) {
        return new OwnerReferenceBuilder()
                .withApiVersion(cluster.getApiVersion())
                .withKind(cluster.getKind())
                .withName(cluster.getMetadata().getName())
                .withUid(cluster.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
