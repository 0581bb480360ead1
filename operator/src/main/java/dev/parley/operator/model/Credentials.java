package dev.parley.operator.model;

import dev.parley.operator.crd.ImCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The generated credentials Secret. Random values are created once and carried over from the live
 * Secret on every later reconcile: regenerating them would lock the runtime out of its own stores
 * and invalidate every issued token.
 */
public final class Credentials {

    public static final String ADMIN_SECRET = "admin-secret";
    public static final String TOKEN_SECRET = "token-secret";
    public static final String REDIS_PASSWORD = "redis-password";
    public static final String REDIS_URL = "redis-url";
    public static final String MONGODB_USERNAME = "mongodb-username";
    public static final String MONGODB_PASSWORD = "mongodb-password";
    public static final String MONGODB_URL = "mongodb-url";
    public static final String MYSQL_ROOT_PASSWORD = "mysql-root-password";
    public static final String MYSQL_USERNAME = "mysql-username";
    public static final String MYSQL_PASSWORD = "mysql-password";

    static final String DATABASE_USER = "parley";

    private Credentials() {
    }

    /**
     * @param live the decoded data of the live Secret (empty when it does not exist yet)
     * @param random source of new random values, used only for keys the live Secret lacks
     */
    public static Secret desired(ImCluster cluster, Map<String, String> live, Supplier<String> random) {
        Map<String, String> values = new TreeMap<>();
        for (String key : new String[] {ADMIN_SECRET, TOKEN_SECRET, REDIS_PASSWORD, MONGODB_PASSWORD,
                MYSQL_ROOT_PASSWORD, MYSQL_PASSWORD}) {
            String existing = live.get(key);
            values.put(key, existing == null || existing.isEmpty() ? random.get() : existing);
        }
        values.put(MONGODB_USERNAME, live.getOrDefault(MONGODB_USERNAME, DATABASE_USER));
        values.put(MYSQL_USERNAME, live.getOrDefault(MYSQL_USERNAME, DATABASE_USER));
        // Connection strings are derived, so they follow the (stable) passwords and host names.
        values.put(REDIS_URL, "redis://:" + values.get(REDIS_PASSWORD) + "@"
                + Names.serviceHost(cluster, Names.store(cluster, Store.REDIS)) + ":" + Store.REDIS.port());
        values.put(MONGODB_URL, "mongodb://" + values.get(MONGODB_USERNAME) + ":" + values.get(MONGODB_PASSWORD) + "@"
                + Names.serviceHost(cluster, Names.store(cluster, Store.MONGODB)) + ":" + Store.MONGODB.port()
                + "/?authSource=admin");

        Map<String, String> data = new TreeMap<>();
        values.forEach((k, v) -> data.put(k, encode(v)));
        return new SecretBuilder()
                .withMetadata(Meta.owned(cluster, Names.credentialsSecret(cluster), "credentials"))
                .withType("Opaque")
                .withData(data)
                .build();
    }

    public static Map<String, String> decode(Secret secret) {
        Map<String, String> decoded = new TreeMap<>();
        if (secret != null && secret.getData() != null) {
            secret.getData().forEach((k, v) -> decoded.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret != null && secret.getStringData() != null) {
            decoded.putAll(secret.getStringData());
        }
        return decoded;
    }

    /** 32 random bytes, URL-safe, so the value can sit in a connection string unescaped. */
    public static Supplier<String> secureRandom() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        };
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
