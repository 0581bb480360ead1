package dev.parley.runtime.gateway;

import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.store.mongo.SyncLibrary;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads a conversation's messages by seq, whichever storage tier holds them. */
@ApplicationScoped
public class MessageHistory {
    private final SyncLibrary syncLibrary;

    public MessageHistory(SyncLibrary syncLibrary) {
        this.syncLibrary = syncLibrary;
    }

    public long maxSeq(String conversationId) {
        return syncLibrary.maxSeqs(List.of(conversationId)).getOrDefault(conversationId, 0L);
    }

    public Map<Long, MsgData> find(String conversationId, Collection<Long> seqs) {
        return syncLibrary.find(conversationId, seqs);
    }
}
