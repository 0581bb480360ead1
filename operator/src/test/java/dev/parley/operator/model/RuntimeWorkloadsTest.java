package dev.parley.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.operator.TestClusters;
import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.crd.StoreMode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeWorkloadsTest {

    private final ImCluster cluster = TestClusters.stored("alpha");

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static SecretKeySelector secretRef(Container container, String name) {
        return env(container, name).getValueFrom().getSecretKeyRef();
    }

    @Test
    void eachRoleRunsTheSameImageWithItsRole() {
        cluster.getSpec().getRuntime().setVersion("1.2.3");
        for (Role role : Role.values()) {
            Deployment deployment = RuntimeWorkloads.deployment(cluster, role, "hash");
            Container container = container(deployment);
            assertEquals("alpha-" + role.value(), deployment.getMetadata().getName());
            assertEquals("parley/runtime:1.2.3", container.getImage());
            assertEquals(role.value(), env(container, "PARLEY_ROLE").getValue());
            assertEquals(10001, container.getPorts().get(0).getContainerPort());
            assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath());
            assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
            assertEquals("alpha-config", container.getEnvFrom().get(0).getConfigMapRef().getName());
            assertEquals("hash", deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(Meta.CONFIG_HASH_ANNOTATION));
            assertEquals("/q/metrics", deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/path"));
        }
    }

    @Test
    void replicasAndResourcesComeFromTheRoleSpec() {
        cluster.getSpec().getGateway().setReplicas(4);
        cluster.getSpec().getTransfer().setReplicas(3);
        cluster.getSpec().getPush().setResources(new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("1Gi")).build());
        assertEquals(4, RuntimeWorkloads.deployment(cluster, Role.GATEWAY, "h").getSpec().getReplicas());
        assertEquals(3, RuntimeWorkloads.deployment(cluster, Role.TRANSFER, "h").getSpec().getReplicas());
        assertEquals(new Quantity("1Gi"),
                container(RuntimeWorkloads.deployment(cluster, Role.PUSH, "h")).getResources().getLimits().get("memory"));
    }

    @Test
    void gatewaysRollWithoutLosingCapacityAndKnowTheirInstanceId() {
        Deployment gateway = RuntimeWorkloads.deployment(cluster, Role.GATEWAY, "h");
        assertEquals(0, gateway.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
        assertEquals("metadata.name", env(container(gateway), "PARLEY_GATEWAY_INSTANCE_ID").getValueFrom().getFieldRef().getFieldPath());
        assertFalse(container(RuntimeWorkloads.deployment(cluster, Role.PUSH, "h")).getEnv().stream()
                .anyMatch(e -> e.getName().equals("PARLEY_GATEWAY_INSTANCE_ID")));
    }

    @Test
    void managedSecretsComeFromTheGeneratedSecret() {
        Container container = container(RuntimeWorkloads.deployment(cluster, Role.TRANSFER, "h"));
        for (String name : List.of("PARLEY_AUTH_ADMIN_SECRET", "PARLEY_AUTH_TOKEN_SECRET", "PARLEY_REDIS_URL",
                "PARLEY_MONGODB_URL", "PARLEY_MYSQL_USERNAME", "PARLEY_MYSQL_PASSWORD")) {
            assertEquals("alpha-credentials", secretRef(container, name).getName(), name);
        }
        assertEquals(Credentials.MONGODB_URL, secretRef(container, "PARLEY_MONGODB_URL").getKey());
    }

    @Test
    void externalServicesAreReadFromTheUsersSecretsByDocumentedKeys() {
        cluster.getSpec().getRedis().setMode(StoreMode.External);
        cluster.getSpec().getRedis().setSecretName("my-redis");
        cluster.getSpec().getMongodb().setMode(StoreMode.External);
        cluster.getSpec().getMongodb().setSecretName("my-mongo");
        cluster.getSpec().getMysql().setMode(StoreMode.External);
        cluster.getSpec().getMysql().setSecretName("my-mysql");
        cluster.getSpec().getKafka().setMode(StoreMode.External);
        cluster.getSpec().getKafka().setSecretName("my-kafka");
        Container container = container(RuntimeWorkloads.deployment(cluster, Role.GATEWAY, "h"));
        assertEquals("my-redis", secretRef(container, "PARLEY_REDIS_URL").getName());
        assertEquals("url", secretRef(container, "PARLEY_REDIS_URL").getKey());
        assertEquals("my-mongo", secretRef(container, "PARLEY_MONGODB_URL").getName());
        assertEquals("url", secretRef(container, "PARLEY_MYSQL_URL").getKey());
        assertEquals("username", secretRef(container, "PARLEY_MYSQL_USERNAME").getKey());
        assertEquals("password", secretRef(container, "PARLEY_MYSQL_PASSWORD").getKey());
        assertEquals("my-kafka", secretRef(container, "PARLEY_KAFKA_BOOTSTRAP_SERVERS").getName());
        assertEquals("bootstrapServers", secretRef(container, "PARLEY_KAFKA_BOOTSTRAP_SERVERS").getKey());
        assertEquals("alpha-credentials", secretRef(container, "PARLEY_AUTH_TOKEN_SECRET").getName(),
                "auth secrets are always generated");
    }

    @Test
    void configHashFollowsConfigContentAndSecretSources() {
        String base = RuntimeWorkloads.configHash(RuntimeConfig.desired(cluster, 8), RuntimeWorkloads.secretEnv(cluster));
        assertEquals(base, RuntimeWorkloads.configHash(RuntimeConfig.desired(cluster, 8), RuntimeWorkloads.secretEnv(cluster)),
                "stable for the same input");
        assertNotEquals(base, RuntimeWorkloads.configHash(RuntimeConfig.desired(cluster, 16), RuntimeWorkloads.secretEnv(cluster)));
        cluster.getSpec().getRedis().setMode(StoreMode.External);
        cluster.getSpec().getRedis().setSecretName("my-redis");
        assertNotEquals(base, RuntimeWorkloads.configHash(RuntimeConfig.desired(cluster, 8), RuntimeWorkloads.secretEnv(cluster)),
                "switching a store to another secret must roll the pods");
    }

    @Test
    void readsBackTheHashAndImageOfALiveDeployment() {
        Deployment deployment = RuntimeWorkloads.deployment(cluster, Role.PUSH, "abc");
        assertEquals("abc", RuntimeWorkloads.configHashOf(deployment));
        assertEquals("parley/runtime:0.1.0", RuntimeWorkloads.imageOf(deployment));
        assertTrue(RuntimeWorkloads.configHashOf(null) == null);
    }
}
