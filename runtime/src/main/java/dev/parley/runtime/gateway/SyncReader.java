package dev.parley.runtime.gateway;

import dev.parley.runtime.protocol.pb.ConversationSeqs;
import dev.parley.runtime.protocol.pb.GetConversationsHasReadAndMaxSeqReq;
import dev.parley.runtime.protocol.pb.GetConversationsHasReadAndMaxSeqResp;
import dev.parley.runtime.protocol.pb.GetSeqMessageReq;
import dev.parley.runtime.protocol.pb.GetSeqMessageResp;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.protocol.pb.PullMessageBySeqsReq;
import dev.parley.runtime.protocol.pb.PullMessageBySeqsResp;
import dev.parley.runtime.protocol.pb.PullMsgs;
import dev.parley.runtime.protocol.pb.SeqRange;
import dev.parley.runtime.protocol.pb.Seqs;
import dev.parley.runtime.store.mongo.InboxStore;
import dev.parley.runtime.store.mongo.SyncLibrary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Answers the client's sync requests: 1006 from the inbox, 1002 and 1005 from the message store. */
@ApplicationScoped
public class SyncReader {
    /** The most messages one range or seq list returns, as OpenIM caps it. */
    static final int MAX_PULL = 100;

    private final InboxStore inbox;
    private final MessageHistory history;
    private final SendPermissions permissions;
    private final LargeGroupTimelines largeGroups;
    private final Counter pulls;

    public SyncReader(InboxStore inbox, MessageHistory history, SendPermissions permissions, LargeGroupTimelines largeGroups,
            MeterRegistry metrics) {
        this.largeGroups = largeGroups;
        this.inbox = inbox;
        this.history = history;
        this.permissions = permissions;
        this.pulls = metrics.counter("parley.pull.requests");
    }

    /**
     * 1006: every conversation in the user's inbox (or the asked ones) with maxSeq and hasReadSeq:
     * one inbox read, plus one counter read for the large (read-diffused) groups the user is in.
     */
    public GetConversationsHasReadAndMaxSeqResp maxAndReadSeqs(String userId, GetConversationsHasReadAndMaxSeqReq req) {
        Map<String, InboxStore.Entry> entries = new java.util.LinkedHashMap<>(inbox.read(userId));
        largeGroups.timelinesOf(userId).forEach((conversationId, maxSeq) -> {
            InboxStore.Entry own = entries.get(conversationId);
            entries.put(conversationId, new InboxStore.Entry(maxSeq, own == null ? 0 : own.readSeq(), own == null ? 0 : own.maxSeqTime()));
        });
        var resp = GetConversationsHasReadAndMaxSeqResp.newBuilder();
        var wanted = req.getConversationIDsList();
        entries.forEach((conversationId, e) -> {
            if (wanted.isEmpty() || wanted.contains(conversationId)) {
                resp.putSeqs(conversationId, Seqs.newBuilder().setMaxSeq(e.maxSeq()).setHasReadSeq(e.readSeq()).setMaxSeqTime(e.maxSeqTime()).build());
            }
        });
        return resp.build();
    }

    /** 1002: per range, the newest {@code num} messages within [begin, end], clamped to what exists. */
    public PullMessageBySeqsResp pullBySeqs(String userId, PullMessageBySeqsReq req) {
        pulls.increment();
        var resp = PullMessageBySeqsResp.newBuilder();
        for (SeqRange range : req.getSeqRangesList()) {
            String conversationId = range.getConversationID();
            SendPermissions.Readable readable = permissions.readable(userId, conversationId);
            if (readable == null) {
                continue;
            }
            long firstReadable = readable.from();
            long maxSeq = Math.min(history.maxSeq(conversationId), readable.to());
            long end = Math.min(range.getEnd(), maxSeq);
            long begin = Math.max(range.getBegin(), firstReadable);
            long num = range.getNum() <= 0 ? MAX_PULL : Math.min(range.getNum(), MAX_PULL);
            if (end - begin + 1 > num) {
                begin = end - num + 1;
            }
            List<Long> seqs = new ArrayList<>();
            for (long seq = begin; seq <= end; seq++) {
                seqs.add(seq);
            }
            List<MsgData> msgs = ordered(history.find(conversationId, seqs), req.getOrderValue() == 1);
            resp.putMsgs(conversationId, PullMsgs.newBuilder().addAllMsgs(msgs).setIsEnd(begin <= firstReadable).setEndSeq(end).build());
        }
        return resp.build();
    }

    /** 1005: explicit seq lists per conversation. */
    public GetSeqMessageResp getSeqMessages(String userId, GetSeqMessageReq req) {
        pulls.increment();
        var resp = GetSeqMessageResp.newBuilder();
        for (ConversationSeqs c : req.getConversationsList()) {
            SendPermissions.Readable readable = permissions.readable(userId, c.getConversationID());
            if (readable == null) {
                continue;
            }
            long firstReadable = readable.from();
            List<Long> seqs = c.getSeqsList().stream().filter(s -> s >= firstReadable && s <= readable.to()).limit(MAX_PULL).toList();
            List<MsgData> msgs = ordered(history.find(c.getConversationID(), seqs), req.getOrderValue() == 1);
            resp.putMsgs(c.getConversationID(), PullMsgs.newBuilder().addAllMsgs(msgs).setIsEnd(seqs.contains(firstReadable)).build());
        }
        return resp.build();
    }

    private static List<MsgData> ordered(Map<Long, MsgData> bySeq, boolean descending) {
        List<MsgData> msgs = new ArrayList<>(new TreeMap<>(bySeq).values());
        if (descending) {
            java.util.Collections.reverse(msgs);
        }
        return msgs;
    }
}
