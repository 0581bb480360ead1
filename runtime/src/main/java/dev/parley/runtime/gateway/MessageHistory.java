package dev.parley.runtime.gateway;

import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.store.mongo.SyncLibrary;
import dev.parley.runtime.store.mysql.StorageLibrary;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a conversation's messages by seq from whichever tier holds them: the hot sync library
 * first, then the storage library for seqs trimmed out of the hot window (message roaming).
 */
@ApplicationScoped
public class MessageHistory {
    private final SyncLibrary syncLibrary;
    private final StorageLibrary storageLibrary;

    public MessageHistory(SyncLibrary syncLibrary, StorageLibrary storageLibrary) {
        this.syncLibrary = syncLibrary;
        this.storageLibrary = storageLibrary;
    }

    public long maxSeq(String conversationId) {
        return syncLibrary.maxSeqs(List.of(conversationId)).getOrDefault(conversationId, 0L);
    }

    public Map<Long, MsgData> find(String conversationId, Collection<Long> seqs) {
        Map<Long, MsgData> found = syncLibrary.find(conversationId, seqs);
        if (found.size() < seqs.size()) {
            List<Long> cold = seqs.stream().filter(seq -> !found.containsKey(seq)).toList();
            found.putAll(storageLibrary.find(conversationId, cold));
        }
        return found;
    }
}
