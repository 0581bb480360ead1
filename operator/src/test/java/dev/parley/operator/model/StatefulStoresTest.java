package dev.parley.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.operator.TestClusters;
import dev.parley.operator.crd.ImCluster;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

class StatefulStoresTest {

    private final ImCluster cluster = TestClusters.stored("alpha");

    private static PersistentVolumeClaim claim(StatefulSet statefulSet) {
        return statefulSet.getSpec().getVolumeClaimTemplates().get(0);
    }

    private static Container container(StatefulSet statefulSet) {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void storageClassesFollowTheTiers() {
        assertEquals("ssd", claim(StatefulStores.statefulSet(cluster, Store.MONGODB)).getSpec().getStorageClassName());
        assertEquals("hdd", claim(StatefulStores.statefulSet(cluster, Store.MYSQL)).getSpec().getStorageClassName());
        assertNull(claim(StatefulStores.statefulSet(cluster, Store.REDIS)).getSpec().getStorageClassName(),
                "Redis uses the cluster's default class");
    }

    @Test
    void storageClassAndSizeAreOverridable() {
        cluster.getSpec().getMongodb().setStorageClassName("premium-rwo");
        cluster.getSpec().getMongodb().setStorageSize("100Gi");
        PersistentVolumeClaim claim = claim(StatefulStores.statefulSet(cluster, Store.MONGODB));
        assertEquals("premium-rwo", claim.getSpec().getStorageClassName());
        assertEquals("100Gi", claim.getSpec().getResources().getRequests().get("storage").toString());
    }

    @Test
    void claimsHaveNoOwnerButCarryTheInstanceLabels() {
        PersistentVolumeClaim claim = claim(StatefulStores.statefulSet(cluster, Store.MYSQL));
        assertTrue(claim.getMetadata().getOwnerReferences() == null || claim.getMetadata().getOwnerReferences().isEmpty());
        assertEquals("alpha", claim.getMetadata().getLabels().get(Meta.INSTANCE_LABEL));
        assertEquals(Meta.MANAGED_BY, claim.getMetadata().getLabels().get(Meta.MANAGED_BY_LABEL));
    }

    @Test
    void claimRetentionFollowsDeleteClaim() {
        assertEquals("Retain", StatefulStores.statefulSet(cluster, Store.MYSQL).getSpec()
                .getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
        cluster.getSpec().setDeleteClaim(true);
        assertEquals("Delete", StatefulStores.statefulSet(cluster, Store.MYSQL).getSpec()
                .getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
    }

    @Test
    void everyStoreHasProbesPortsAndItsDataMounted() {
        for (Store store : Store.values()) {
            StatefulSet statefulSet = StatefulStores.statefulSet(cluster, store);
            Container container = container(statefulSet);
            assertEquals("alpha-" + store.value(), statefulSet.getMetadata().getName());
            assertEquals("alpha-" + store.value(), statefulSet.getSpec().getServiceName());
            assertEquals(1, statefulSet.getSpec().getReplicas());
            assertNotNull(container.getReadinessProbe().getExec(), store + " readiness asks the server itself");
            assertEquals(store.port(), container.getLivenessProbe().getTcpSocket().getPort().getIntVal());
            assertEquals(store.port(), container.getPorts().get(0).getContainerPort());
            assertEquals(StatefulStores.DATA_VOLUME, container.getVolumeMounts().get(0).getName());
            assertEquals(Meta.selector(cluster, store.value()), statefulSet.getSpec().getSelector().getMatchLabels());
            assertEquals("ImCluster", statefulSet.getMetadata().getOwnerReferences().get(0).getKind());
        }
    }

    @Test
    void passwordsComeFromTheGeneratedSecret() {
        Container mysql = container(StatefulStores.statefulSet(cluster, Store.MYSQL));
        var root = mysql.getEnv().stream().filter(e -> e.getName().equals("MYSQL_ROOT_PASSWORD")).findFirst().orElseThrow();
        assertEquals("alpha-credentials", root.getValueFrom().getSecretKeyRef().getName());
        assertEquals(Credentials.MYSQL_ROOT_PASSWORD, root.getValueFrom().getSecretKeyRef().getKey());
        Container redis = container(StatefulStores.statefulSet(cluster, Store.REDIS));
        assertTrue(redis.getArgs().contains("$(REDIS_PASSWORD)"), "Redis requires the generated password");
    }

    @Test
    void headlessServiceSelectsTheStorePods() {
        Service service = StatefulStores.headlessService(cluster, Store.MONGODB);
        assertEquals("None", service.getSpec().getClusterIP());
        assertEquals(27017, service.getSpec().getPorts().get(0).getPort());
        assertEquals(Meta.selector(cluster, "mongodb"), service.getSpec().getSelector());
    }
}
