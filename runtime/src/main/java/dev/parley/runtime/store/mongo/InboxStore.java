package dev.parley.runtime.store.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.parley.runtime.config.ParleyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Each user's inbox: one document per user holding, per conversation, its maxSeq, the user's
 * hasReadSeq and the time of the newest message. Written at message time (write diffusion) so that
 * a login sync (1006) is a single read.
 */
@ApplicationScoped
public class InboxStore {
    private final MongoCollection<Document> inbox;

    public InboxStore(MongoClient mongo, ParleyConfig config) {
        this.inbox = mongo.getDatabase(config.mongodb().database()).getCollection("inbox");
    }

    /** One conversation's entry in a user's inbox. */
    public record Entry(long maxSeq, long readSeq, long maxSeqTime) {
        public long unread() {
            return Math.max(0, maxSeq - readSeq);
        }
    }

    /** A new newest message for a user: raise maxSeq, and readSeq too when the user sent it. */
    public record Delivery(String userId, String conversationId, long seq, long sendTime, boolean sentByUser) {
    }

    /** Applies deliveries in one bulk write; every field only ever rises. */
    public void diffuse(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        // One $max per field: several messages of a batch may land in the same inbox entry.
        Map<String, Map<String, long[]>> newest = new LinkedHashMap<>();
        for (Delivery d : deliveries) {
            long[] e = newest.computeIfAbsent(d.userId(), u -> new LinkedHashMap<>())
                    .computeIfAbsent(d.conversationId(), c -> new long[3]);
            e[0] = Math.max(e[0], d.seq());
            e[1] = Math.max(e[1], d.sendTime());
            e[2] = Math.max(e[2], d.sentByUser() ? d.seq() : 0L);
        }
        Map<String, List<Bson>> updatesByUser = new LinkedHashMap<>();
        newest.forEach((userId, byConversation) -> {
            List<Bson> updates = updatesByUser.computeIfAbsent(userId, u -> new ArrayList<>());
            byConversation.forEach((conversationId, e) -> {
                String prefix = "conversations." + conversationId + ".";
                updates.add(Updates.max(prefix + "maxSeq", e[0]));
                updates.add(Updates.max(prefix + "maxSeqTime", e[1]));
                updates.add(Updates.max(prefix + "readSeq", e[2]));
            });
        });
        List<WriteModel<Document>> writes = new ArrayList<>(updatesByUser.size());
        updatesByUser.forEach((userId, updates) -> writes.add(new UpdateOneModel<>(
                Filters.eq("_id", userId), Updates.combine(updates), new UpdateOptions().upsert(true))));
        inbox.bulkWrite(writes);
    }

    /** The whole inbox of a user, by conversation: one read. */
    public Map<String, Entry> read(String userId) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Document doc = inbox.find(Filters.eq("_id", userId)).first();
        if (doc == null) {
            return entries;
        }
        Document conversations = doc.get("conversations", Document.class);
        if (conversations != null) {
            conversations.forEach((conversationId, value) -> {
                Document e = (Document) value;
                entries.put(conversationId, new Entry(number(e, "maxSeq"), number(e, "readSeq"), number(e, "maxSeqTime")));
            });
        }
        return entries;
    }

    /** Raises the user's hasReadSeq of a conversation. */
    public void markRead(String userId, String conversationId, long readSeq) {
        inbox.updateOne(Filters.eq("_id", userId),
                Updates.max("conversations." + conversationId + ".readSeq", readSeq), new UpdateOptions().upsert(true));
    }

    private static long number(Document d, String field) {
        Object v = d.get(field);
        return v instanceof Number n ? n.longValue() : 0L;
    }
}
