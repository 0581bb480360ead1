package dev.parley.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.operator.TestClusters;
import dev.parley.operator.crd.ImCluster;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private final ImCluster cluster = TestClusters.stored("alpha");

    private static Supplier<String> counter() {
        AtomicInteger next = new AtomicInteger();
        return () -> "random" + next.incrementAndGet();
    }

    @Test
    void firstReconcileGeneratesEveryRandomValue() {
        Map<String, String> data = Credentials.decode(Credentials.desired(cluster, Map.of(), counter()));
        for (String key : new String[] {Credentials.ADMIN_SECRET, Credentials.TOKEN_SECRET, Credentials.REDIS_PASSWORD,
                Credentials.MONGODB_PASSWORD, Credentials.MYSQL_ROOT_PASSWORD, Credentials.MYSQL_PASSWORD}) {
            assertTrue(data.get(key).startsWith("random"), key);
        }
        assertEquals("parley", data.get(Credentials.MYSQL_USERNAME));
        assertNotEquals(data.get(Credentials.ADMIN_SECRET), data.get(Credentials.TOKEN_SECRET));
    }

    @Test
    void liveValuesAreKeptAndOnlyMissingOnesGenerated() {
        Map<String, String> first = Credentials.decode(Credentials.desired(cluster, Map.of(), counter()));
        Map<String, String> live = new java.util.TreeMap<>(first);
        live.remove(Credentials.TOKEN_SECRET);
        Map<String, String> second = Credentials.decode(Credentials.desired(cluster, live, () -> "fresh"));
        assertEquals(first.get(Credentials.ADMIN_SECRET), second.get(Credentials.ADMIN_SECRET));
        assertEquals(first.get(Credentials.MYSQL_PASSWORD), second.get(Credentials.MYSQL_PASSWORD));
        assertEquals("fresh", second.get(Credentials.TOKEN_SECRET));
    }

    @Test
    void sameLiveSecretGivesTheSameDesiredSecret() {
        Secret first = Credentials.desired(cluster, Map.of(), counter());
        Secret again = Credentials.desired(cluster, Credentials.decode(first), () -> "never used");
        assertEquals(first.getData(), again.getData());
        assertEquals(Hashing.of(first), Hashing.of(again), "an unchanged Secret must not be rewritten");
    }

    @Test
    void connectionStringsPointAtTheManagedServicesWithTheGeneratedPasswords() {
        Map<String, String> data = Credentials.decode(Credentials.desired(cluster, Map.of(), counter()));
        assertEquals("redis://:" + data.get(Credentials.REDIS_PASSWORD) + "@alpha-redis.chat.svc:6379",
                data.get(Credentials.REDIS_URL));
        assertEquals("mongodb://parley:" + data.get(Credentials.MONGODB_PASSWORD)
                + "@alpha-mongodb.chat.svc:27017/?authSource=admin", data.get(Credentials.MONGODB_URL));
    }

    @Test
    void secureRandomValuesAreLongAndDistinct() {
        Supplier<String> random = Credentials.secureRandom();
        String a = random.get();
        assertEquals(43, a.length());
        assertNotEquals(a, random.get());
        assertTrue(a.matches("[A-Za-z0-9_-]+"), "safe inside a URL");
    }
}
