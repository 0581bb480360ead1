package dev.parley.operator.reconciler;

import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.crd.ImClusterStatus;
import dev.parley.operator.model.ClusterStatus;
import dev.parley.operator.model.Conditions;
import dev.parley.operator.model.Credentials;
import dev.parley.operator.model.Meta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.quarkiverse.operatorsdk.annotations.RBACVerbs;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Entry point for ImCluster events: honours the pause annotation, runs one
 * {@link ClusterReconciliation}, and patches the status only when it differs.
 */
@ControllerConfiguration(name = "imcluster",
        // The pause annotation does not bump the generation, yet must take effect.
        generationAwareEventProcessing = false,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@RBACRule(apiGroups = "", resources = {"secrets", "configmaps", "services"}, verbs = {RBACVerbs.GET, RBACVerbs.LIST, RBACVerbs.WATCH, RBACVerbs.CREATE, RBACVerbs.UPDATE,
                RBACVerbs.PATCH, RBACVerbs.DELETE})
@RBACRule(apiGroups = "", resources = "events", verbs = {RBACVerbs.CREATE, RBACVerbs.PATCH})
// deleteClaim removes the store PVCs by label, which the client sends as a collection delete.
@RBACRule(apiGroups = "", resources = "persistentvolumeclaims", verbs = {RBACVerbs.LIST, RBACVerbs.DELETE, "deletecollection"})
@RBACRule(apiGroups = "apps", resources = {"deployments", "statefulsets"}, verbs = {RBACVerbs.GET, RBACVerbs.LIST, RBACVerbs.WATCH, RBACVerbs.CREATE, RBACVerbs.UPDATE,
                RBACVerbs.PATCH, RBACVerbs.DELETE})
@RBACRule(apiGroups = "policy", resources = "poddisruptionbudgets", verbs = {RBACVerbs.GET, RBACVerbs.LIST, RBACVerbs.WATCH, RBACVerbs.CREATE, RBACVerbs.UPDATE,
                RBACVerbs.PATCH, RBACVerbs.DELETE})
@RBACRule(apiGroups = "kafka.strimzi.io", resources = {"kafkas", "kafkanodepools", "kafkatopics"},
        verbs = {RBACVerbs.GET, RBACVerbs.LIST, RBACVerbs.WATCH, RBACVerbs.CREATE, RBACVerbs.UPDATE,
                RBACVerbs.PATCH, RBACVerbs.DELETE})
@RBACRule(apiGroups = "apiextensions.k8s.io", resources = "customresourcedefinitions", verbs = RBACVerbs.GET)
public class ImClusterReconciler implements Reconciler<ImCluster>, Cleaner<ImCluster> {

    private static final Logger LOG = Logger.getLogger(ImClusterReconciler.class);

    private final OperatorConfig config;
    private final Clock clock;

    public ImClusterReconciler(OperatorConfig config) {
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    @Override
    public List<EventSource<?, ImCluster>> prepareEventSources(EventSourceContext<ImCluster> context) {
        // Workload status changes (pods becoming ready) feed the status; Kafka's is polled since its CRD may be absent.
        String ours = Meta.MANAGED_BY_LABEL + "=" + Meta.MANAGED_BY;
        return List.of(
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Deployment.class, ImCluster.class)
                        .withLabelSelector(ours).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(StatefulSet.class, ImCluster.class)
                        .withLabelSelector(ours).build(), context));
    }

    @Override
    public UpdateControl<ImCluster> reconcile(ImCluster cluster, Context<ImCluster> context) {
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        if (cluster.isPaused()) {
            return statusUpdate(cluster, ClusterStatus.paused(cluster, now));
        }
        var client = context.getClient();
        ImClusterStatus status = new ClusterReconciliation(cluster, client,
                new ResourceApplier(config.serverSideApply()), new EventRecorder(client),
                Credentials.secureRandom(), now).run();
        return statusUpdate(cluster, status);
    }

    /** Writes the status only when it changed, and keeps looking while the cluster is not settled. */
    private UpdateControl<ImCluster> statusUpdate(ImCluster cluster, ImClusterStatus status) {
        boolean settled = !cluster.isPaused()
                && status.condition(Conditions.READY).map(c -> "True".equals(c.getStatus())).orElse(false)
                && status.condition(Conditions.DEGRADED).map(c -> "False".equals(c.getStatus())).orElse(false);
        UpdateControl<ImCluster> control;
        if (Objects.equals(status, cluster.getStatus())) {
            control = UpdateControl.noUpdate();
        } else {
            cluster.setStatus(status);
            control = UpdateControl.patchStatus(cluster);
        }
        return settled || cluster.isPaused() ? control : control.rescheduleAfter(config.requeueInterval());
    }

    /** Claims are kept unless the user asked otherwise: they hold every message ever sent. */
    @Override
    public DeleteControl cleanup(ImCluster cluster, Context<ImCluster> context) {
        if (cluster.getSpec().isDeleteClaim()) {
            var claims = context.getClient().persistentVolumeClaims().inNamespace(cluster.getMetadata().getNamespace())
                    .withLabel(Meta.INSTANCE_LABEL, cluster.getMetadata().getName())
                    .withLabel(Meta.MANAGED_BY_LABEL, Meta.MANAGED_BY);
            LOG.infof("%s/%s deleted with deleteClaim: deleting %d persistent volume claims",
                    cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(), claims.list().getItems().size());
            claims.delete();
        }
        return DeleteControl.defaultDelete();
    }
}
