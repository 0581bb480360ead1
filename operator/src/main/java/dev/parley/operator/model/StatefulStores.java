package dev.parley.operator.model;

import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.crd.StoreSpec;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

/** StatefulSet and headless Service of a managed store (Redis, MongoDB, MySQL). */
public final class StatefulStores {

    public static final String DATA_VOLUME = "data";

    private StatefulStores() {
    }

    public static StoreContainer container(ImCluster cluster, Store store) {
        return switch (store) {
            case REDIS -> RedisStore.container(cluster);
            case MONGODB -> MongoDbStore.container(cluster);
            case MYSQL -> MySqlStore.container(cluster);
        };
    }

    public static StatefulSet statefulSet(ImCluster cluster, Store store) {
        StoreSpec spec = store.spec(cluster.getSpec());
        StoreContainer shape = container(cluster, store);
        String name = Names.store(cluster, store);
        var container = new ContainerBuilder()
                .withName(store.value())
                .withImage(spec.getImage())
                .withArgs(shape.args())
                .withEnv(shape.env())
                .addNewPort().withName(store.value()).withContainerPort(store.port()).endPort()
                .addNewVolumeMount().withName(DATA_VOLUME).withMountPath(shape.dataPath()).endVolumeMount()
                .withReadinessProbe(shape.readiness())
                .withLivenessProbe(shape.liveness())
                .withResources(spec.getResources())
                .build();
        return new StatefulSetBuilder()
                .withMetadata(Meta.owned(cluster, name, store.value()))
                .withNewSpec()
                    .withReplicas(1)
                    .withServiceName(name)
                    .withNewSelector().withMatchLabels(Meta.selector(cluster, store.value())).endSelector()
                    .withNewPersistentVolumeClaimRetentionPolicy()
                        // Native PVC cleanup where the cluster supports it; the Cleaner covers the rest.
                        .withWhenDeleted(cluster.getSpec().isDeleteClaim() ? "Delete" : "Retain")
                        .withWhenScaled("Retain")
                    .endPersistentVolumeClaimRetentionPolicy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(Meta.labels(cluster, store.value())).endMetadata()
                        .withNewSpec().withContainers(container).endSpec()
                    .endTemplate()
                    .withVolumeClaimTemplates(claimTemplate(cluster, store, spec))
                .endSpec()
                .build();
    }

    /** Claims carry the instance labels (so the Cleaner finds them) but no owner: they outlive the cluster by default. */
    static PersistentVolumeClaim claimTemplate(ImCluster cluster, Store store, StoreSpec spec) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(DATA_VOLUME).withLabels(Meta.labels(cluster, store.value())).endMetadata()
                .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withStorageClassName(spec.getStorageClassName())
                    .withNewResources().addToRequests("storage", new Quantity(spec.getStorageSize())).endResources()
                .endSpec()
                .build();
    }

    /** Headless, so each pod gets a stable DNS name and clients talk to the one pod directly. */
    public static Service headlessService(ImCluster cluster, Store store) {
        return new ServiceBuilder()
                .withMetadata(Meta.owned(cluster, Names.store(cluster, store), store.value()))
                .withNewSpec()
                    .withClusterIP("None")
                    .withSelector(Meta.selector(cluster, store.value()))
                    .addNewPort().withName(store.value()).withPort(store.port())
                        .withTargetPort(new IntOrString(store.port())).endPort()
                    .withPublishNotReadyAddresses(false)
                .endSpec()
                .build();
    }
}
