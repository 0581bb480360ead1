package dev.parley.runtime.gateway;

import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.protocol.Conversations;
import dev.parley.runtime.store.mongo.SyncLibrary;
import dev.parley.runtime.store.mysql.GroupStore;
import dev.parley.runtime.store.redis.SeqCounters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The timelines a user reads directly: large groups, whose messages are not diffused to inboxes. */
@ApplicationScoped
public class LargeGroupTimelines {
    private final GroupStore groups;
    private final SeqCounters counters;
    private final SyncLibrary syncLibrary;
    private final int threshold;

    public LargeGroupTimelines(GroupStore groups, SeqCounters counters, SyncLibrary syncLibrary, ParleyConfig config) {
        this.groups = groups;
        this.counters = counters;
        this.syncLibrary = syncLibrary;
        this.threshold = config.group().largeThreshold();
    }

    /** Conversation ID → maxSeq of each large group of the user, from one counter read. */
    public Map<String, Long> timelinesOf(String userId) {
        List<String> conversationIds = new ArrayList<>();
        for (GroupStore.Group g : groups.groupsOf(userId)) {
            if (g.memberCount() > threshold && g.status() == GroupStore.STATUS_OK) {
                conversationIds.add(Conversations.group(g.groupId()));
            }
        }
        Map<String, Long> maxSeqs = new LinkedHashMap<>();
        if (conversationIds.isEmpty()) {
            return maxSeqs;
        }
        Map<String, Long> cached = counters.current(conversationIds);
        List<String> missing = conversationIds.stream().filter(id -> !cached.containsKey(id)).toList();
        Map<String, Long> recorded = missing.isEmpty() ? Map.of() : syncLibrary.maxSeqs(missing);
        for (String id : conversationIds) {
            maxSeqs.put(id, cached.getOrDefault(id, recorded.getOrDefault(id, 0L)));
        }
        return maxSeqs;
    }
}
