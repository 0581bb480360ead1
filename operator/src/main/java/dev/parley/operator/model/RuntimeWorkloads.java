package dev.parley.operator.model;

import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.crd.ImClusterSpec;
import dev.parley.operator.crd.KafkaSpec;
import dev.parley.operator.crd.StoreSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gateway, transfer and push Deployments: one image, the role chosen by PARLEY_ROLE. */
public final class RuntimeWorkloads {

    public static final int HTTP_PORT = 10001;
    public static final String HTTP_PORT_NAME = "http";
    public static final String CONTAINER = "runtime";

    /** Keys an external service's Secret is read with. */
    public static final String EXTERNAL_URL_KEY = "url";
    public static final String EXTERNAL_USERNAME_KEY = "username";
    public static final String EXTERNAL_PASSWORD_KEY = "password";
    public static final String EXTERNAL_BOOTSTRAP_KEY = "bootstrapServers";

    private RuntimeWorkloads() {
    }

    /**
     * The secret settings, each referenced from the Secret that holds it: the generated credentials
     * for managed stores, the user's Secret for external ones.
     */
    public static List<EnvVar> secretEnv(ImCluster cluster) {
        ImClusterSpec spec = cluster.getSpec();
        String generated = Names.credentialsSecret(cluster);
        List<EnvVar> env = new ArrayList<>();
        env.add(Env.fromSecret("PARLEY_AUTH_ADMIN_SECRET", generated, Credentials.ADMIN_SECRET));
        env.add(Env.fromSecret("PARLEY_AUTH_TOKEN_SECRET", generated, Credentials.TOKEN_SECRET));
        KafkaSpec kafka = spec.getKafka();
        if (!kafka.managed()) {
            env.add(Env.fromSecret(RuntimeConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.getSecretName(), EXTERNAL_BOOTSTRAP_KEY));
        }
        env.add(storeUrl("PARLEY_REDIS_URL", spec.getRedis(), generated, Credentials.REDIS_URL));
        env.add(storeUrl("PARLEY_MONGODB_URL", spec.getMongodb(), generated, Credentials.MONGODB_URL));
        StoreSpec mysql = spec.getMysql();
        if (mysql.managed()) {
            env.add(Env.fromSecret("PARLEY_MYSQL_USERNAME", generated, Credentials.MYSQL_USERNAME));
            env.add(Env.fromSecret("PARLEY_MYSQL_PASSWORD", generated, Credentials.MYSQL_PASSWORD));
        } else {
            env.add(Env.fromSecret(RuntimeConfig.MYSQL_URL, mysql.getSecretName(), EXTERNAL_URL_KEY));
            env.add(Env.fromSecret("PARLEY_MYSQL_USERNAME", mysql.getSecretName(), EXTERNAL_USERNAME_KEY));
            env.add(Env.fromSecret("PARLEY_MYSQL_PASSWORD", mysql.getSecretName(), EXTERNAL_PASSWORD_KEY));
        }
        return env;
    }

    private static EnvVar storeUrl(String name, StoreSpec store, String generated, String generatedKey) {
        return store.managed()
                ? Env.fromSecret(name, generated, generatedKey)
                : Env.fromSecret(name, store.getSecretName(), EXTERNAL_URL_KEY);
    }

    /**
     * Hash of everything the pods read at start-up but Kubernetes does not roll them for: the
     * ConfigMap's content and where each secret setting comes from.
     */
    public static String configHash(ConfigMap config, List<EnvVar> secretEnv) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("config", config.getData());
        inputs.put("secrets", secretEnv);
        return Hashing.of(inputs);
    }

    public static Deployment deployment(ImCluster cluster, Role role, String configHash) {
        ImClusterSpec spec = cluster.getSpec();
        List<EnvVar> env = new ArrayList<>();
        env.add(Env.value("PARLEY_ROLE", role.value()));
        if (role == Role.GATEWAY) {
            // A stable per-pod identity, so the online registry can name the gateway that holds a session.
            env.add(Env.fromField("PARLEY_GATEWAY_INSTANCE_ID", "metadata.name"));
        }
        env.addAll(secretEnv(cluster));

        var container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(spec.getRuntime().imageReference())
                .withImagePullPolicy(spec.getRuntime().getImagePullPolicy())
                .addNewPort().withName(HTTP_PORT_NAME).withContainerPort(HTTP_PORT).withProtocol("TCP").endPort()
                .addNewEnvFrom().withNewConfigMapRef().withName(Names.runtimeConfig(cluster)).endConfigMapRef().endEnvFrom()
                .withEnv(env)
                .withLivenessProbe(Probes.http("/q/health/live", HTTP_PORT_NAME, 20, 3))
                .withReadinessProbe(Probes.http("/q/health/ready", HTTP_PORT_NAME, 5, 3))
                .withResources(role.spec(spec).getResources())
                .build();

        Map<String, String> podAnnotations = new LinkedHashMap<>();
        podAnnotations.put(Meta.CONFIG_HASH_ANNOTATION, configHash);
        podAnnotations.put("prometheus.io/scrape", "true");
        podAnnotations.put("prometheus.io/path", "/q/metrics");
        podAnnotations.put("prometheus.io/port", Integer.toString(HTTP_PORT));

        return new DeploymentBuilder()
                .withMetadata(Meta.owned(cluster, Names.role(cluster, role), role.value()))
                .withNewSpec()
                    .withReplicas(role.spec(spec).getReplicas())
                    .withNewSelector().withMatchLabels(Meta.selector(cluster, role.value())).endSelector()
                    .withNewStrategy()
                        .withType("RollingUpdate")
                        // Gateways hold live connections: bring a new pod up before an old one goes.
                        .withNewRollingUpdate()
                            .withMaxSurge(new IntOrString(1))
                            .withMaxUnavailable(new IntOrString(role == Role.GATEWAY ? 0 : 1))
                        .endRollingUpdate()
                    .endStrategy()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(Meta.labels(cluster, role.value()))
                            .withAnnotations(podAnnotations)
                        .endMetadata()
                        .withNewSpec()
                            .withContainers(container)
                            .withTerminationGracePeriodSeconds(30L)
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    public static String configHashOf(Deployment deployment) {
        if (deployment == null || deployment.getSpec() == null || deployment.getSpec().getTemplate().getMetadata() == null
                || deployment.getSpec().getTemplate().getMetadata().getAnnotations() == null) {
            return null;
        }
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(Meta.CONFIG_HASH_ANNOTATION);
    }

    public static String imageOf(Deployment deployment) {
        if (deployment == null || deployment.getSpec() == null) {
            return null;
        }
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> CONTAINER.equals(c.getName())).map(c -> c.getImage()).findFirst().orElse(null);
    }
}
