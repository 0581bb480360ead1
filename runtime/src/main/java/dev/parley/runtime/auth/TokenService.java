package dev.parley.runtime.auth;

import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.keys.KeyCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Issues and checks tokens. A token is valid only while Redis holds it as "normal" for its user and
 * platform, so it can be kicked or revoked before it expires (OpenIM's token status).
 */
@ApplicationScoped
public class TokenService {
    /** Platform ID OpenIM gives the admin. */
    public static final int ADMIN_PLATFORM = 10;
    public static final String ADMIN_USER = "imAdmin";

    static final String NORMAL = "0";
    static final String KICKED = "2";

    private final Jwt jwt;
    private final Duration ttl;
    private final HashCommands<String, String, String> hashes;
    private final KeyCommands<String> keys;

    public TokenService(ParleyConfig config, RedisDataSource redis) {
        this.jwt = new Jwt(config.auth().tokenSecret());
        this.ttl = config.auth().tokenTtl();
        this.hashes = redis.hash(String.class);
        this.keys = redis.key();
    }

    public record Issued(String token, long expireTimeSeconds) {
    }

    public Issued issue(String userId, int platformId) {
        long now = System.currentTimeMillis() / 1000;
        String token = jwt.sign(userId, platformId, now, now + ttl.toSeconds());
        String key = statusKey(userId, platformId);
        hashes.hset(key, token, NORMAL);
        keys.expire(key, ttl);
        return new Issued(token, ttl.toSeconds());
    }

    /** The token's claims if it is well formed, signed by us, unexpired and still "normal". */
    public Jwt.Claims check(String token) {
        Jwt.Claims claims = jwt.verify(token, System.currentTimeMillis() / 1000);
        String status = hashes.hget(statusKey(claims.userId(), claims.platformId()), token);
        if (status == null) {
            throw new ImException(ErrCode.TOKEN_NOT_EXIST, "token is not known to this server (revoked or from before a reset): get a new one");
        }
        if (KICKED.equals(status)) {
            throw new ImException(ErrCode.TOKEN_KICKED, "token was kicked by a newer login or an admin: get a new one");
        }
        return claims;
    }

    public Jwt.Claims checkAdmin(String token) {
        Jwt.Claims claims = check(token);
        if (claims.platformId() != ADMIN_PLATFORM) {
            throw ImException.noPermission("this route needs an admin token from /auth/get_admin_token");
        }
        return claims;
    }

    /** Marks tokens of a user's platform as kicked; they fail from the next check on. */
    public void kick(String userId, int platformId, List<String> tokens) {
        if (!tokens.isEmpty()) {
            hashes.hset(statusKey(userId, platformId), tokens.stream().collect(java.util.stream.Collectors.toMap(t -> t, t -> KICKED, (a, b) -> a)));
        }
    }

    /** Marks every token of the user's platform as kicked. */
    public void kickAll(String userId, int platformId) {
        kick(userId, platformId, List.copyOf(hashes.hgetall(statusKey(userId, platformId)).keySet()));
    }

    private static String statusKey(String userId, int platformId) {
        return "parley:token:" + userId + ":" + platformId;
    }
}
