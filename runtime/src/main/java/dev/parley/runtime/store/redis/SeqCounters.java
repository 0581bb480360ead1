package dev.parley.runtime.store.redis;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-conversation seq counters in Redis: the highest seq stored in the sync library. They
 * are a cache, advanced only after a write and never rewound; the transfer's seq allocator treats
 * a missing counter as "recover from MongoDB".
 */
@ApplicationScoped
public class SeqCounters {
    private static final String ADVANCE = """
            for i, key in ipairs(KEYS) do
              local seq = tonumber(ARGV[i])
              local current = tonumber(redis.call('GET', key) or '0')
              if seq > current then redis.call('SET', key, ARGV[i]) end
            end
            return #KEYS""";

    private final Redis redis;

    public SeqCounters(Redis redis) {
        this.redis = redis;
    }

    public static String key(String conversationId) {
        return "parley:seq:" + conversationId;
    }

    /** One MGET for all conversations; a conversation whose counter is missing is absent. */
    public Map<String, Long> current(List<String> conversationIds) {
        Map<String, Long> seqs = new HashMap<>();
        if (conversationIds.isEmpty()) {
            return seqs;
        }
        Request mget = Request.cmd(Command.MGET);
        conversationIds.forEach(id -> mget.arg(key(id)));
        Response response = redis.sendAndAwait(mget);
        for (int i = 0; i < conversationIds.size(); i++) {
            Response value = response.get(i);
            if (value != null) {
                seqs.put(conversationIds.get(i), value.toLong());
            }
        }
        return seqs;
    }

    /** Raises each counter to the given seq unless it is already higher; one round trip. */
    public void advance(Map<String, Long> maxSeqs) {
        if (maxSeqs.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(maxSeqs.keySet());
        Request eval = Request.cmd(Command.EVAL).arg(ADVANCE).arg(ids.size());
        ids.forEach(id -> eval.arg(key(id)));
        ids.forEach(id -> eval.arg(maxSeqs.get(id)));
        redis.sendAndAwait(eval);
    }
}
