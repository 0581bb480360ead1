package dev.parley.runtime.groups;

import dev.parley.runtime.store.mysql.GroupStore;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.keys.KeyCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who is in a group and from which seq they may read: MySQL is the truth, Redis a cache that every
 * membership change invalidates. Read on every group send, store and push, so it must be cheap.
 */
@ApplicationScoped
public class GroupMembers {
    private static final Duration CACHE_TTL = Duration.ofHours(1);
    /** Marks a cached empty member list, so an empty or unknown group is not looked up again and again. */
    private static final String NONE = "";

    private final GroupStore groups;
    private final HashCommands<String, String, Long> hashes;
    private final KeyCommands<String> keys;

    public GroupMembers(GroupStore groups, RedisDataSource redis) {
        this.groups = groups;
        this.hashes = redis.hash(Long.class);
        this.keys = redis.key();
    }

    static String key(String groupId) {
        return "parley:group-members:" + groupId;
    }

    /** Member user ID → joinSeq; empty when the group does not exist or has no members. */
    public Map<String, Long> of(String groupId) {
        Map<String, Long> cached = hashes.hgetall(key(groupId));
        if (!cached.isEmpty()) {
            Map<String, Long> members = new LinkedHashMap<>(cached);
            members.remove(NONE);
            return members;
        }
        Map<String, Long> members = new LinkedHashMap<>();
        for (GroupStore.Member m : groups.members(groupId, null)) {
            members.put(m.userId(), m.joinSeq());
        }
        Map<String, Long> toCache = new HashMap<>(members);
        if (toCache.isEmpty()) {
            toCache.put(NONE, 0L);
        }
        hashes.hset(key(groupId), toCache);
        keys.expire(key(groupId), CACHE_TTL);
        return members;
    }

    public void invalidate(String groupId) {
        keys.del(key(groupId));
    }
}
