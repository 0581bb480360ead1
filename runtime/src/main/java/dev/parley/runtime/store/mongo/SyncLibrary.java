package dev.parley.runtime.store.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.protocol.pb.MsgData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The sync library: the hot copy of every message in MongoDB, one document per message addressed
 * by {@code _id = conversationId:seq}. The unique {@code _id} makes a seq impossible to hand out
 * twice, and the unique (conversationId, clientMsgID) index makes a redelivered message keep the
 * seq it already has.
 */
@ApplicationScoped
public class SyncLibrary {
    /** How far ahead a seq recovery looks per round trip. */
    private static final int PROBE_WINDOW = 16;
    private static final int MAX_COLLISIONS = 1000;

    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> conversations;

    public SyncLibrary(MongoClient mongo, ParleyConfig config) {
        var db = mongo.getDatabase(config.mongodb().database());
        this.messages = db.getCollection("messages");
        this.conversations = db.getCollection("conversations");
        messages.createIndex(Indexes.ascending("conversationId", "clientMsgID"),
                new IndexOptions().unique(true).name("conversation_client_msg_id"));
        messages.createIndex(Indexes.ascending("sendTime"), new IndexOptions().name("send_time"));
    }

    /** A message as stored; {@code duplicate} when it had been stored before (a redelivery). */
    public record Stored(String conversationId, MsgData msg, boolean duplicate) {
        public long seq() {
            return msg.getSeq();
        }
    }

    public static String id(String conversationId, long seq) {
        return conversationId + ":" + seq;
    }

    /**
     * Stores one conversation's messages in order with the seqs after {@code highestKnown}. A seq
     * that turns out to be taken (a stale counter) is recovered from what is stored; a message
     * stored before keeps its seq. The result holds every message once, in input order.
     */
    public List<Stored> append(String conversationId, long highestKnown, List<MsgData> batch) {
        List<Stored> result = new ArrayList<>(batch.size());
        List<MsgData> pending = batch;
        long next = highestKnown + 1;
        int collisions = 0;
        while (!pending.isEmpty()) {
            List<MsgData> numbered = new ArrayList<>(pending.size());
            List<Document> docs = new ArrayList<>(pending.size());
            for (int i = 0; i < pending.size(); i++) {
                MsgData msg = pending.get(i).toBuilder().setSeq(next + i).build();
                numbered.add(msg);
                docs.add(toDocument(conversationId, msg));
            }
            try {
                messages.insertMany(docs, new InsertManyOptions().ordered(true));
                numbered.forEach(m -> result.add(new Stored(conversationId, m, false)));
                return result;
            } catch (MongoBulkWriteException e) {
                var error = e.getWriteErrors().get(0);
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                int failed = error.getIndex();
                numbered.subList(0, failed).forEach(m -> result.add(new Stored(conversationId, m, false)));
                MsgData clash = pending.get(failed);
                MsgData earlier = findByClientMsgId(conversationId, clash.getClientMsgID());
                if (earlier != null) {
                    result.add(new Stored(conversationId, earlier, true));
                    next += failed;
                    pending = pending.subList(failed + 1, pending.size());
                } else {
                    if (++collisions > MAX_COLLISIONS) {
                        throw new IllegalStateException("seq of " + conversationId + " keeps colliding; another writer owns it", e);
                    }
                    next = highestStoredSeq(conversationId) + 1;
                    pending = pending.subList(failed, pending.size());
                }
            }
        }
        return result;
    }

    /** One conversation's share of a batch: its highest known seq and its new messages in order. */
    public record Pending(long highestKnown, List<MsgData> msgs) {
    }

    /**
     * Stores a whole batch in one unordered bulk insert. A conversation whose insert hit a
     * duplicate (a redelivery or a stale counter) is undone from its first failure on and finished
     * with the ordered {@link #append}, so its seqs stay dense.
     */
    public List<Stored> appendAll(Map<String, Pending> batch) {
        List<Document> docs = new ArrayList<>();
        List<String> owner = new ArrayList<>();
        List<Integer> position = new ArrayList<>();
        Map<String, List<MsgData>> numbered = new java.util.LinkedHashMap<>();
        batch.forEach((conversationId, pending) -> {
            List<MsgData> msgs = new ArrayList<>(pending.msgs().size());
            for (int i = 0; i < pending.msgs().size(); i++) {
                MsgData msg = pending.msgs().get(i).toBuilder().setSeq(pending.highestKnown() + 1 + i).build();
                msgs.add(msg);
                docs.add(toDocument(conversationId, msg));
                owner.add(conversationId);
                position.add(i);
            }
            numbered.put(conversationId, msgs);
        });
        Map<String, Integer> firstFailure = new HashMap<>();
        java.util.Set<String> notInserted = new java.util.HashSet<>();
        if (!docs.isEmpty()) {
            try {
                messages.insertMany(docs, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                for (var error : e.getWriteErrors()) {
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    firstFailure.merge(owner.get(error.getIndex()), position.get(error.getIndex()), Math::min);
                    notInserted.add(docs.get(error.getIndex()).getString("_id"));
                }
            }
        }
        List<Stored> result = new ArrayList<>(docs.size());
        numbered.forEach((conversationId, msgs) -> {
            Integer failedAt = firstFailure.get(conversationId);
            if (failedAt == null) {
                msgs.forEach(m -> result.add(new Stored(conversationId, m, false)));
                return;
            }
            // Later messages of this conversation may have been inserted past the hole: take them back.
            List<String> undo = msgs.subList(failedAt + 1, msgs.size()).stream()
                    .map(m -> id(conversationId, m.getSeq())).filter(id -> !notInserted.contains(id)).toList();
            if (!undo.isEmpty()) {
                messages.deleteMany(Filters.in("_id", undo));
            }
            msgs.subList(0, failedAt).forEach(m -> result.add(new Stored(conversationId, m, false)));
            List<MsgData> rest = batch.get(conversationId).msgs();
            result.addAll(append(conversationId, batch.get(conversationId).highestKnown() + failedAt, rest.subList(failedAt, rest.size())));
        });
        return result;
    }

    /**
     * The highest seq actually stored: the recorded maximum, then a probe for messages written
     * after it was recorded (a crash between the two writes).
     */
    public long highestStoredSeq(String conversationId) {
        return highestStoredSeqs(List.of(conversationId)).get(conversationId);
    }

    /** {@link #highestStoredSeq} for many conversations at once: one read of the records, one probe per round. */
    private Map<String, Long> highestStoredSeqs(Collection<String> conversationIds) {
        Map<String, Long> highest = new HashMap<>();
        Map<String, Long> recorded = maxSeqs(conversationIds);
        conversationIds.forEach(id -> highest.put(id, recorded.getOrDefault(id, 0L)));
        java.util.Set<String> open = new java.util.HashSet<>(conversationIds);
        while (!open.isEmpty()) {
            List<String> ids = new ArrayList<>(open.size() * PROBE_WINDOW);
            for (String conversationId : open) {
                long from = highest.get(conversationId);
                for (long seq = from + 1; seq <= from + PROBE_WINDOW; seq++) {
                    ids.add(id(conversationId, seq));
                }
            }
            java.util.Set<String> present = new java.util.HashSet<>();
            messages.find(Filters.in("_id", ids)).projection(new Document("_id", 1)).forEach(d -> present.add(d.getString("_id")));
            for (String conversationId : List.copyOf(open)) {
                long from = highest.get(conversationId);
                long probed = from;
                while (present.contains(id(conversationId, probed + 1))) {
                    probed++;
                }
                highest.put(conversationId, probed);
                if (probed < from + PROBE_WINDOW) {
                    open.remove(conversationId);
                }
            }
        }
        return highest;
    }

    /** Records each conversation's highest stored seq and its time; never lowers them. */
    public void recordMaxSeqs(Map<String, MsgData> newestByConversation) {
        if (newestByConversation.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> updates = new ArrayList<>();
        newestByConversation.forEach((conversationId, msg) -> updates.add(new UpdateOneModel<>(
                Filters.eq("_id", conversationId),
                Updates.combine(Updates.max("maxSeq", msg.getSeq()), Updates.max("maxSeqTime", msg.getSendTime())),
                new UpdateOptions().upsert(true))));
        conversations.bulkWrite(updates);
    }

    /** The highest recorded seq of each conversation (0 when nothing is stored). */
    public Map<String, Long> maxSeqs(Collection<String> conversationIds) {
        Map<String, Long> result = new HashMap<>();
        conversations.find(Filters.in("_id", conversationIds))
                .forEach(d -> result.put(d.getString("_id"), d.get("maxSeq", Number.class).longValue()));
        return result;
    }

    /** The stored messages among the given seqs of one conversation, by seq. */
    public Map<Long, MsgData> find(String conversationId, Collection<Long> seqs) {
        Map<Long, MsgData> found = new HashMap<>();
        if (seqs.isEmpty()) {
            return found;
        }
        List<String> ids = seqs.stream().map(seq -> id(conversationId, seq)).toList();
        messages.find(Filters.in("_id", ids)).forEach(d -> {
            MsgData msg = fromDocument(d);
            found.put(msg.getSeq(), msg);
        });
        return found;
    }

    /** One message per conversation (e.g. each one's newest), in one read. */
    public Map<String, MsgData> findEach(Map<String, Long> seqByConversation) {
        Map<String, MsgData> found = new HashMap<>();
        if (seqByConversation.isEmpty()) {
            return found;
        }
        List<String> ids = new ArrayList<>();
        seqByConversation.forEach((conversationId, seq) -> ids.add(id(conversationId, seq)));
        messages.find(Filters.in("_id", ids)).forEach(d -> found.put(d.getString("conversationId"), fromDocument(d)));
        return found;
    }

    /** A stored message's address. */
    public record Key(String conversationId, long seq) {
    }

    /** Up to {@code limit} messages sent before the cutoff: candidates to leave the hot window. */
    public List<Key> sentBefore(long sendTimeMillis, int limit) {
        List<Key> keys = new ArrayList<>();
        messages.find(Filters.lt("sendTime", sendTimeMillis)).projection(new Document("conversationId", 1).append("seq", 1))
                .limit(limit).forEach(d -> keys.add(new Key(d.getString("conversationId"), d.get("seq", Number.class).longValue())));
        return keys;
    }

    public long delete(List<Key> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        return messages.deleteMany(Filters.in("_id", keys.stream().map(k -> id(k.conversationId(), k.seq())).toList())).getDeletedCount();
    }

    private MsgData findByClientMsgId(String conversationId, String clientMsgId) {
        Document doc = messages.find(Filters.and(Filters.eq("conversationId", conversationId),
                Filters.eq("clientMsgID", clientMsgId))).first();
        return doc == null ? null : fromDocument(doc);
    }

    private static Document toDocument(String conversationId, MsgData msg) {
        return new Document("_id", id(conversationId, msg.getSeq()))
                .append("conversationId", conversationId)
                .append("seq", msg.getSeq())
                .append("clientMsgID", msg.getClientMsgID())
                .append("sendID", msg.getSendID())
                .append("sendTime", msg.getSendTime())
                .append("msg", new Binary(msg.toByteArray()));
    }

    static MsgData fromDocument(Document doc) {
        try {
            return MsgData.parseFrom(doc.get("msg", Binary.class).getData());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored message " + doc.get("_id") + " is not a MsgData", e);
        }
    }
}
