package dev.parley.runtime.transfer;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.parley.runtime.delivery.ConversationMembers;
import dev.parley.runtime.kafka.KafkaClients;
import dev.parley.runtime.protocol.Conversations;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.store.mongo.InboxStore;
import dev.parley.runtime.store.mongo.SyncLibrary;
import dev.parley.runtime.store.redis.SeqCounters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * One polled batch of the messages topic, taken through store-before-sync: decode, number, store
 * in MongoDB, diffuse to inboxes, advance the Redis counters. Only then does the caller push and
 * commit. Records that can never be stored come back as dead letters with the reason.
 */
public class TransferBatch {
    private static final Logger LOG = Logger.getLogger(TransferBatch.class);

    private final SeqCounters seqCounters;
    private final SyncLibrary syncLibrary;
    private final InboxStore inbox;
    private final ConversationMembers members;

    public TransferBatch(SeqCounters seqCounters, SyncLibrary syncLibrary, InboxStore inbox, ConversationMembers members) {
        this.seqCounters = seqCounters;
        this.syncLibrary = syncLibrary;
        this.inbox = inbox;
        this.members = members;
    }

    /** A record that cannot be processed, and why. */
    public record DeadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    }

    /** A stored message with the operationID of its send and its explicit recipients, if any. */
    public record Outcome(SyncLibrary.Stored stored, String operationId, String recipients) {
    }

    public record Result(List<Outcome> stored, List<DeadLetter> deadLetters) {
    }

    public Result process(List<ConsumerRecord<String, byte[]>> records) {
        List<DeadLetter> deadLetters = new ArrayList<>();
        Map<String, List<MsgData>> byConversation = new LinkedHashMap<>();
        Map<String, String> operationIds = new java.util.HashMap<>();
        Map<String, String> explicitRecipients = new java.util.HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            MsgData msg;
            try {
                msg = MsgData.parseFrom(record.value() == null ? new byte[0] : record.value());
            } catch (InvalidProtocolBufferException e) {
                deadLetters.add(new DeadLetter(record, "value is not a protobuf MsgData: " + e.getMessage()));
                continue;
            }
            String problem = problemWith(record.key(), msg);
            if (problem != null) {
                deadLetters.add(new DeadLetter(record, problem));
                continue;
            }
            byConversation.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(msg);
            String id = record.key() + "\u0000" + msg.getClientMsgID();
            operationIds.put(id, KafkaClients.header(record.headers(), KafkaClients.OPERATION_ID));
            explicitRecipients.put(id, KafkaClients.header(record.headers(), KafkaClients.RECIPIENTS));
        }
        if (byConversation.isEmpty()) {
            return new Result(List.of(), deadLetters);
        }

        List<String> conversationIds = new ArrayList<>(byConversation.keySet());
        Map<String, Long> counters = seqCounters.current(conversationIds);
        List<String> missing = conversationIds.stream().filter(id -> !counters.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            // New conversations have no counter yet, and a lost one restarts from the recorded maximum: one
            // read for all. Should messages stand beyond that record, their unique _id makes the insert
            // collide, and appendAll recovers the true maximum from what is stored.
            Map<String, Long> recorded = syncLibrary.maxSeqs(missing);
            for (String conversationId : missing) {
                long seq = recorded.getOrDefault(conversationId, 0L);
                if (seq > 0) {
                    LOG.infof("seq counter of %s was missing in Redis; continuing after the recorded seq %d", conversationId, seq);
                }
                counters.put(conversationId, seq);
            }
        }
        Map<String, SyncLibrary.Pending> pending = new LinkedHashMap<>();
        for (String conversationId : conversationIds) {
            pending.put(conversationId, new SyncLibrary.Pending(counters.get(conversationId), byConversation.get(conversationId)));
        }

        List<SyncLibrary.Stored> stored = syncLibrary.appendAll(pending);

        Map<String, MsgData> newest = new LinkedHashMap<>();
        List<InboxStore.Delivery> deliveries = new ArrayList<>();
        ConversationMembers.Resolver audiences = members.resolver();
        for (SyncLibrary.Stored s : stored) {
            newest.merge(s.conversationId(), s.msg(), (a, b) -> a.getSeq() >= b.getSeq() ? a : b);
            ConversationMembers.Audience audience = audiences.audience(s.conversationId(), s.msg(),
                    explicitRecipients.get(s.conversationId() + "\u0000" + s.msg().getClientMsgID()));
            if (!audience.writeDiffused()) {
                continue; // a large group: members read its timeline (read diffusion)
            }
            for (String userId : audience.recipients()) {
                deliveries.add(new InboxStore.Delivery(userId, s.conversationId(), s.seq(), s.msg().getSendTime(),
                        userId.equals(s.msg().getSendID())));
            }
        }
        syncLibrary.recordMaxSeqs(newest);
        inbox.diffuse(deliveries);
        Map<String, Long> maxSeqs = new LinkedHashMap<>();
        newest.forEach((conversationId, msg) -> maxSeqs.put(conversationId, msg.getSeq()));
        seqCounters.advance(maxSeqs);

        List<Outcome> outcomes = new ArrayList<>(stored.size());
        for (SyncLibrary.Stored s : stored) {
            String id = s.conversationId() + "\u0000" + s.msg().getClientMsgID();
            outcomes.add(new Outcome(s, operationIds.getOrDefault(id, ""), explicitRecipients.getOrDefault(id, "")));
        }
        return new Result(outcomes, deadLetters);
    }

    /** Why a decoded message cannot be stored, or null. The gateway checks the same on send. */
    static String problemWith(String key, MsgData msg) {
        if (msg.getClientMsgID().isEmpty()) {
            return "clientMsgID is empty";
        }
        if (msg.getSendID().isEmpty()) {
            return "sendID is empty";
        }
        String conversationId;
        try {
            conversationId = Conversations.of(msg.getSessionType(), msg.getSendID(), msg.getRecvID(), msg.getGroupID());
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        if (!conversationId.equals(key)) {
            return "record key " + key + " is not the message's conversation " + conversationId;
        }
        return null;
    }
}
