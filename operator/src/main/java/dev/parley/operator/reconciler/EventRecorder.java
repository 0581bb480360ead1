package dev.parley.operator.reconciler;

import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.model.RolloutEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Records why pods roll, as a log line and a Kubernetes Event on the ImCluster. */
public class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;

    public EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    public void restart(ImCluster cluster, RolloutEvents.RestartReason reason, String message, String now) {
        LOG.infof("%s/%s: %s", cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(), message);
        String suffix = Long.toHexString(System.currentTimeMillis()) + UUID.randomUUID().toString().substring(0, 8);
        try {
            client.v1().events().inNamespace(cluster.getMetadata().getNamespace())
                    .resource(RolloutEvents.event(cluster, reason, message, now, suffix)).create();
        } catch (KubernetesClientException e) {
            // An Event is a courtesy; failing to write one must not fail the rollout it describes.
            LOG.warnf("could not record event %s: %s", reason, e.getMessage());
        }
    }
}
