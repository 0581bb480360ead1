package dev.parley.operator.reconciler;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The operator's own knobs (not the runtime's, which live in the ImCluster). */
@ConfigMapping(prefix = "parley.operator")
public interface OperatorConfig {

    /** How soon to look again while a cluster is not Ready; Strimzi's Kafka status is polled, not watched. */
    @WithDefault("10s")
    Duration requeueInterval();

    /**
     * Apply changed objects with server-side apply (keeps fields other controllers set, such as a
     * Service's clusterIP). Off only where the API server cannot do it, e.g. the tests' mock server.
     */
    @WithDefault("true")
    boolean serverSideApply();
}
