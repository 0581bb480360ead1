package dev.parley.operator.reconciler;

import dev.parley.operator.model.Hashing;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.HashMap;
import java.util.Map;

/**
 * Creates or updates one object from its desired state. A hash of the desired state is kept in an
 * annotation, so an object whose desired state did not change is not written at all: no needless
 * API traffic, no generation bumps, no reconcile loops triggered by our own writes.
 */
public class ResourceApplier {

    public static final String DESIRED_HASH_ANNOTATION = "parley.dev/desired-hash";
    public static final String FIELD_MANAGER = "parley-operator";

    private final boolean serverSideApply;

    public ResourceApplier(boolean serverSideApply) {
        this.serverSideApply = serverSideApply;
    }

    public <T extends HasMetadata> Applied<T> apply(MixedOperation<T, ?, ? extends Resource<T>> type, T desired) {
        String namespace = desired.getMetadata().getNamespace();
        String hash = Hashing.of(desired);
        Map<String, String> annotations = desired.getMetadata().getAnnotations() == null
                ? new HashMap<>() : new HashMap<>(desired.getMetadata().getAnnotations());
        annotations.put(DESIRED_HASH_ANNOTATION, hash);
        desired.getMetadata().setAnnotations(annotations);

        T live = type.inNamespace(namespace).withName(desired.getMetadata().getName()).get();
        if (live == null) {
            return new Applied<>(null, type.inNamespace(namespace).resource(desired).create());
        }
        Map<String, String> liveAnnotations = live.getMetadata().getAnnotations();
        if (liveAnnotations != null && hash.equals(liveAnnotations.get(DESIRED_HASH_ANNOTATION))) {
            return new Applied<>(live, live);
        }
        if (serverSideApply) {
            return new Applied<>(live, type.inNamespace(namespace).resource(desired)
                    .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply());
        }
        desired.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
        return new Applied<>(live, type.inNamespace(namespace).resource(desired).update());
    }
}
