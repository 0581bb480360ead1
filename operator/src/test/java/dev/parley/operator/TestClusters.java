package dev.parley.operator;

import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.crd.ImClusterSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** ImCluster objects for tests, with the metadata the API server would have filled in. */
public final class TestClusters {

    private TestClusters() {
    }

    public static ImCluster cluster(String namespace, String name) {
        ImCluster cluster = new ImCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        cluster.setSpec(new ImClusterSpec());
        return cluster;
    }

    /** As stored: uid and generation set, which the pure builders read for owner references and status. */
    public static ImCluster stored(String name) {
        ImCluster cluster = cluster("chat", name);
        cluster.getMetadata().setUid("uid-" + name);
        cluster.getMetadata().setGeneration(1L);
        return cluster;
    }
}
