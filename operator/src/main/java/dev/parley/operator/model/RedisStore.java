package dev.parley.operator.model;

import dev.parley.operator.crd.ImCluster;
import java.util.List;

/** The managed Redis: one append-only-file instance protected by the generated password. */
public final class RedisStore {

    private RedisStore() {
    }

    public static StoreContainer container(ImCluster cluster) {
        String secret = Names.credentialsSecret(cluster);
        return new StoreContainer(
                List.of("redis-server", "--requirepass", "$(REDIS_PASSWORD)", "--appendonly", "yes", "--dir", "/data"),
                List.of(Env.fromSecret("REDIS_PASSWORD", secret, Credentials.REDIS_PASSWORD)),
                "/data",
                Probes.exec(5, "sh", "-c", "redis-cli -a \"$REDIS_PASSWORD\" --no-auth-warning ping | grep -q PONG"),
                Probes.tcp(Store.REDIS.port(), 15));
    }
}
