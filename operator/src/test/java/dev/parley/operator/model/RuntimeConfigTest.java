package dev.parley.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.operator.TestClusters;
import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.crd.StoreMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeConfigTest {

    private final ImCluster cluster = TestClusters.stored("alpha");

    @Test
    void managedClusterSettings() {
        Map<String, String> data = RuntimeConfig.desired(cluster, 8).getData();
        assertEquals("alpha-kafka-bootstrap:9092", data.get("PARLEY_KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("8", data.get("PARLEY_KAFKA_PARTITIONS"));
        assertEquals("false", data.get("PARLEY_KAFKA_CREATE_TOPICS"));
        assertEquals("1", data.get("PARLEY_KAFKA_REPLICATION_FACTOR"));
        assertEquals("parley-messages", data.get("PARLEY_KAFKA_TOPIC_MESSAGES"));
        assertEquals("parley-push", data.get("PARLEY_KAFKA_TOPIC_PUSH"));
        assertEquals("parley-dead-letter", data.get("PARLEY_KAFKA_TOPIC_DEAD_LETTER"));
        assertEquals("parley", data.get("PARLEY_MONGODB_DATABASE"));
        assertEquals("jdbc:mysql://alpha-mysql.chat.svc:3306/parley", data.get("PARLEY_MYSQL_URL"));
        assertEquals("7d", data.get("PARLEY_RETENTION_HOT"));
        assertEquals("0", data.get("PARLEY_RETENTION_COLD"));
        assertEquals("500", data.get("PARLEY_GROUP_LARGE_THRESHOLD"));
    }

    @Test
    void partitionsComeFromTheCallerNotTheSpec() {
        cluster.getSpec().getKafka().setPartitions(4);
        assertEquals("8", RuntimeConfig.desired(cluster, 8).getData().get("PARLEY_KAFKA_PARTITIONS"),
                "a refused decrease must not reach the runtime");
    }

    @Test
    void externalServicesLeaveTheirSettingsToTheSecretReferences() {
        cluster.getSpec().getKafka().setMode(StoreMode.External);
        cluster.getSpec().getMysql().setMode(StoreMode.External);
        Map<String, String> data = RuntimeConfig.desired(cluster, 8).getData();
        assertFalse(data.containsKey("PARLEY_KAFKA_BOOTSTRAP_SERVERS"));
        assertFalse(data.containsKey("PARLEY_MYSQL_URL"));
        assertEquals("true", data.get("PARLEY_KAFKA_CREATE_TOPICS"));
    }

    @Test
    void noSecretEverLandsInTheConfigMap() {
        RuntimeConfig.desired(cluster, 8).getData().forEach((key, value) -> {
            assertFalse(key.contains("PASSWORD") || key.contains("SECRET"), key);
            assertFalse(value.contains("@"), key + " looks like it carries credentials");
        });
    }
}
