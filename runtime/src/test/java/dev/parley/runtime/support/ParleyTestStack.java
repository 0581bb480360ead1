package dev.parley.runtime.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real servers behind a test run: the local Kafka broker, Redis and MariaDB (started by
 * {@code dev/servers.sh up}), and a MongoDB wire server owned by the test. Topics and consumer
 * groups are fresh per run, and MongoDB and MariaDB sit behind fault proxies that tests can cut.
 */
public class ParleyTestStack implements QuarkusTestResourceLifecycleManager {
    public static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    public static final String MESSAGES_TOPIC = "parley-test-messages-" + RUN;
    public static final String PUSH_TOPIC = "parley-test-push-" + RUN;
    public static final String DEAD_LETTER_TOPIC = "parley-test-dead-letter-" + RUN;
    public static final String KAFKA = System.getProperty("parley.test.kafka", "127.0.0.1:9092");
    public static final String MYSQL_HOST_PORT = System.getProperty("parley.test.mysql", "127.0.0.1:3306");

    /** Small enough that a test can build a group above it. */
    public static final int LARGE_GROUP_THRESHOLD = 40;

    public static MongoServer mongo;
    public static FaultProxy mongoProxy;
    public static FaultProxy mysqlProxy;
    public static String mongoUrl;

    @Override
    public Map<String, String> start() {
        try {
            mongo = new MongoServer(new MemoryBackend());
            mongo.bind("127.0.0.1", 0);
            mongoProxy = new FaultProxy(address().getPort());
            mysqlProxy = new FaultProxy(Integer.parseInt(MYSQL_HOST_PORT.substring(MYSQL_HOST_PORT.indexOf(':') + 1)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test MongoDB wire server", e);
        }
        mongoUrl = "mongodb://127.0.0.1:" + address().getPort();
        Map<String, String> config = new HashMap<>();
        config.put("parley.mongodb.url", "mongodb://127.0.0.1:" + mongoProxy.port()
                + "/?serverSelectionTimeoutMS=3000&connectTimeoutMS=2000&socketTimeoutMS=5000");
        config.put("parley.mongodb.database", "parley");
        config.put("parley.mysql.url", "jdbc:mysql://127.0.0.1:" + mysqlProxy.port()
                + "/parley_test?createDatabaseIfNotExist=true&connectTimeout=2000&socketTimeout=5000");
        config.put("parley.kafka.bootstrap-servers", KAFKA);
        config.put("parley.kafka.partitions", "4");
        config.put("parley.kafka.topic.messages", MESSAGES_TOPIC);
        config.put("parley.kafka.topic.push", PUSH_TOPIC);
        config.put("parley.kafka.topic.dead-letter", DEAD_LETTER_TOPIC);
        config.put("parley.kafka.group-prefix", "parley-test-" + RUN);
        config.put("parley.group.large-threshold", String.valueOf(LARGE_GROUP_THRESHOLD));
        return config;
    }

    private static InetSocketAddress address() {
        return mongo.getLocalAddress();
    }

    @Override
    public void stop() {
        try {
            mongoProxy.close();
            mysqlProxy.close();
        } catch (Exception ignored) {
            // the JVM is ending
        }
        mongo.shutdownNow();
    }
}
