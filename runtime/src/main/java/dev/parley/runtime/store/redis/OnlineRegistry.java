package dev.parley.runtime.store.redis;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only place that knows where a user is online: per user a Redis hash of
 * {@code gatewayInstance/connectionId -> platformId|token}, refreshed by the gateway that holds the
 * connection and expiring when that gateway stops refreshing it.
 */
@ApplicationScoped
public class OnlineRegistry {
    private final Redis redis;

    public OnlineRegistry(Redis redis) {
        this.redis = redis;
    }

    /** One live connection of a user. */
    public record Session(String userId, String gatewayInstance, String connectionId, int platformId, String token) {
        String field() {
            return gatewayInstance + "/" + connectionId;
        }
    }

    public static String key(String userId) {
        return "parley:online:" + userId;
    }

    /** The Redis channel a gateway instance listens on for its deliveries. */
    public static String channel(String gatewayInstance) {
        return "parley:gateway:" + gatewayInstance;
    }

    public void register(Session session, Duration ttl) {
        redis.batchAndAwait(List.of(
                Request.cmd(Command.HSET).arg(key(session.userId())).arg(session.field()).arg(session.platformId() + "|" + session.token()),
                Request.cmd(Command.EXPIRE).arg(key(session.userId())).arg(ttl.toSeconds())));
    }

    public void unregister(Session session) {
        redis.sendAndAwait(Request.cmd(Command.HDEL).arg(key(session.userId())).arg(session.field()));
    }

    /** Re-announces a gateway's sessions so that they outlive the TTL; one pipelined batch. */
    public void refresh(Collection<Session> sessions, Duration ttl) {
        if (sessions.isEmpty()) {
            return;
        }
        List<Request> batch = new ArrayList<>();
        for (Session s : sessions) {
            batch.add(Request.cmd(Command.HSET).arg(key(s.userId())).arg(s.field()).arg(s.platformId() + "|" + s.token()));
            batch.add(Request.cmd(Command.EXPIRE).arg(key(s.userId())).arg(ttl.toSeconds()));
        }
        redis.batchAndAwait(batch);
    }

    /** Every known session of each user, in one pipelined batch. */
    public Map<String, List<Session>> sessionsOf(Collection<String> userIds) {
        Map<String, List<Session>> sessions = new LinkedHashMap<>();
        if (userIds.isEmpty()) {
            return sessions;
        }
        List<String> ids = new ArrayList<>(userIds);
        List<Request> batch = new ArrayList<>(ids.size());
        ids.forEach(id -> batch.add(Request.cmd(Command.HGETALL).arg(key(id))));
        List<Response> responses = redis.batchAndAwait(batch);
        for (int i = 0; i < ids.size(); i++) {
            String userId = ids.get(i);
            Response hash = responses.get(i);
            List<Session> list = new ArrayList<>();
            if (hash != null) {
                fields(hash).forEach((field, value) -> list.add(parse(userId, field, value)));
            }
            sessions.put(userId, list);
        }
        return sessions;
    }

    public void publish(Map<String, String> payloadByGateway) {
        if (payloadByGateway.isEmpty()) {
            return;
        }
        List<Request> batch = new ArrayList<>();
        payloadByGateway.forEach((instance, payload) -> batch.add(Request.cmd(Command.PUBLISH).arg(channel(instance)).arg(payload)));
        redis.batchAndAwait(batch);
    }

    /** HGETALL answers a map under RESP3 and a flat array under RESP2. */
    private static Map<String, String> fields(Response hash) {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (String field : hash.getKeys()) {
                fields.put(field, hash.get(field).toString());
            }
        } catch (UnsupportedOperationException resp2) {
            for (int i = 0; i + 1 < hash.size(); i += 2) {
                fields.put(hash.get(i).toString(), hash.get(i + 1).toString());
            }
        }
        return fields;
    }

    private static Session parse(String userId, String field, String value) {
        int slash = field.indexOf('/');
        int bar = value.indexOf('|');
        return new Session(userId, field.substring(0, slash), field.substring(slash + 1),
                Integer.parseInt(value.substring(0, bar)), value.substring(bar + 1));
    }
}
