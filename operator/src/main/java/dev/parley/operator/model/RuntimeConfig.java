package dev.parley.operator.model;

import dev.parley.operator.crd.ImCluster;
import dev.parley.operator.crd.ImClusterSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import java.util.TreeMap;

/** The runtime's non-secret settings, read by every role through envFrom. */
public final class RuntimeConfig {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "PARLEY_KAFKA_BOOTSTRAP_SERVERS";
    public static final String KAFKA_PARTITIONS = "PARLEY_KAFKA_PARTITIONS";
    public static final String KAFKA_CREATE_TOPICS = "PARLEY_KAFKA_CREATE_TOPICS";
    public static final String KAFKA_REPLICATION_FACTOR = "PARLEY_KAFKA_REPLICATION_FACTOR";
    public static final String KAFKA_TOPIC_MESSAGES = "PARLEY_KAFKA_TOPIC_MESSAGES";
    public static final String KAFKA_TOPIC_PUSH = "PARLEY_KAFKA_TOPIC_PUSH";
    public static final String KAFKA_TOPIC_DEAD_LETTER = "PARLEY_KAFKA_TOPIC_DEAD_LETTER";
    public static final String MONGODB_DATABASE = "PARLEY_MONGODB_DATABASE";
    public static final String MYSQL_URL = "PARLEY_MYSQL_URL";
    public static final String RETENTION_HOT = "PARLEY_RETENTION_HOT";
    public static final String RETENTION_COLD = "PARLEY_RETENTION_COLD";
    public static final String GROUP_LARGE_THRESHOLD = "PARLEY_GROUP_LARGE_THRESHOLD";

    private RuntimeConfig() {
    }

    /**
     * @param partitions the partitions the messages topic really has, which can be more than the
     *                   spec asks for when a decrease was refused
     */
    public static ConfigMap desired(ImCluster cluster, int partitions) {
        ImClusterSpec spec = cluster.getSpec();
        Map<String, String> data = new TreeMap<>();
        if (spec.getKafka().managed()) {
            data.put(KAFKA_BOOTSTRAP_SERVERS, Names.kafkaBootstrap(cluster));
            // Strimzi's topic operator owns the topics; the runtime must not race it creating them.
            data.put(KAFKA_CREATE_TOPICS, "false");
            data.put(KAFKA_REPLICATION_FACTOR, Integer.toString(StrimziResources.replicationFactor(spec.getKafka())));
        } else {
            data.put(KAFKA_CREATE_TOPICS, "true");
        }
        data.put(KAFKA_PARTITIONS, Integer.toString(partitions));
        data.put(KAFKA_TOPIC_MESSAGES, spec.getKafka().getMessagesTopic());
        data.put(KAFKA_TOPIC_PUSH, spec.getKafka().getPushTopic());
        data.put(KAFKA_TOPIC_DEAD_LETTER, spec.getKafka().getDeadLetterTopic());
        data.put(MONGODB_DATABASE, spec.getMongodb().getDatabase());
        if (spec.getMysql().managed()) {
            data.put(MYSQL_URL, "jdbc:mysql://" + Names.serviceHost(cluster, Names.store(cluster, Store.MYSQL)) + ":"
                    + Store.MYSQL.port() + "/" + MySqlStore.DATABASE);
        }
        data.put(RETENTION_HOT, spec.getRetention().getHot());
        data.put(RETENTION_COLD, spec.getRetention().getCold());
        data.put(GROUP_LARGE_THRESHOLD, Integer.toString(spec.getLargeGroupThreshold()));
        return new ConfigMapBuilder()
                .withMetadata(Meta.owned(cluster, Names.runtimeConfig(cluster), "config"))
                .withData(data)
                .build();
    }
}
