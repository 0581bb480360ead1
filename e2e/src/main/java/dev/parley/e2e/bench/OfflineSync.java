package dev.parley.e2e.bench;

import dev.parley.runtime.protocol.pb.GetConversationsHasReadAndMaxSeqReq;
import dev.parley.runtime.protocol.pb.GetConversationsHasReadAndMaxSeqResp;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.protocol.pb.PullMessageBySeqsReq;
import dev.parley.runtime.protocol.pb.PullMessageBySeqsResp;
import dev.parley.runtime.protocol.pb.PullMsgs;
import dev.parley.runtime.protocol.pb.SeqRange;
import dev.parley.runtime.protocol.pb.Seqs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Phase 2: user X goes offline, senders send it M messages, X logs back in and syncs with 1006 and
 * 1002 until it holds all M. Measures login-to-all-held and checks each sender's order.
 */
public final class OfflineSync {
    /** Messages per range, as OpenIM caps a pull. */
    private static final int PULL_CHUNK = 100;
    /** Ranges per 1002 request. */
    private static final int RANGES_PER_PULL = 10;
    /** Offline messages are tagged with no ledger, so the fleet's sink ignores them. */
    private static final int TAG = -1;
    private static final int SLOT = 1_000_000;

    /** {@code msSentToStored}: from the last send answer until the senders' 1006 showed all M stored (null: never). */
    public record Result(int m, Long msToAll, Long msSentToStored, long lost, long outOfOrder, long duplicates, long sendErrors,
                         int pullRequests, int syncRounds) {
    }

    private OfflineSync() {
    }

    public static Result run(Fleet fleet, String userX, BenchConfig config) throws Exception {
        int m = config.offlineMessages();
        OfflineInbox inbox = new OfflineInbox(m);

        // X was online once (its conversations exist), then goes away.
        ImConnection first = fleet.login(SLOT, userX, (to, msg, at) -> { }).join();
        first.close().get(10, TimeUnit.SECONDS);
        Thread.sleep(300);

        AtomicLong sendErrors = new AtomicLong();
        sendAll(fleet, userX, m, config.offlineSenders(), sendErrors).join();
        // Log X in only once the messages are stored, so the figure is the sync, not the pipeline.
        Long msToStored = waitStored(fleet, userX, m, config);

        String token = fleet.api().userToken(userX, config.platform()).join();
        long loginStart = System.nanoTime();
        ImConnection x = fleet.connect(SLOT, userX, token, (to, msg, at) -> hold(inbox, fleet.run(), userX, msg)).join();
        long deadline = loginStart + (long) (config.offlineTimeoutSeconds() * 1e9);
        int rounds = 0;
        int pulls = 0;
        try {
            while (!inbox.complete() && System.nanoTime() < deadline) {
                if (rounds > 0) {
                    Thread.sleep(50); // the rest is still on its way to the store
                }
                rounds++;
                var frame = x.request(ImConnection.GET_CONV_MAX_READ_SEQ,
                        GetConversationsHasReadAndMaxSeqReq.newBuilder().setUserID(userX).build().toByteArray()).join();
                if (frame.errCode() != 0) {
                    throw new IllegalStateException("1006 answered " + frame.errCode() + " " + frame.errMsg());
                }
                List<SeqRange> ranges = new ArrayList<>();
                for (Map.Entry<String, Seqs> e : GetConversationsHasReadAndMaxSeqResp.parseFrom(frame.data()).getSeqsMap().entrySet()) {
                    if (!e.getKey().startsWith("si_")) {
                        continue;
                    }
                    for (long[] run : inbox.missing(e.getKey(), e.getValue().getMaxSeq(), PULL_CHUNK)) {
                        ranges.add(SeqRange.newBuilder().setConversationID(e.getKey()).setBegin(run[0]).setEnd(run[1])
                                .setNum(run[1] - run[0] + 1).build());
                    }
                }
                List<CompletableFuture<Void>> inFlight = new ArrayList<>();
                for (int from = 0; from < ranges.size(); from += RANGES_PER_PULL) {
                    PullMessageBySeqsReq req = PullMessageBySeqsReq.newBuilder().setUserID(userX)
                            .addAllSeqRanges(ranges.subList(from, Math.min(from + RANGES_PER_PULL, ranges.size()))).build();
                    pulls++;
                    inFlight.add(x.request(ImConnection.PULL_BY_SEQS, req.toByteArray()).thenAccept(f -> {
                        if (f.errCode() != 0) {
                            throw new IllegalStateException("1002 answered " + f.errCode() + " " + f.errMsg());
                        }
                        try {
                            for (Map.Entry<String, PullMsgs> e : PullMessageBySeqsResp.parseFrom(f.data()).getMsgsMap().entrySet()) {
                                for (MsgData msg : e.getValue().getMsgsList()) {
                                    hold(inbox, fleet.run(), userX, msg);
                                }
                            }
                        } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                            throw new IllegalStateException(ex);
                        }
                    }));
                }
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
            }
        } finally {
            x.close();
        }
        Long msToAll = inbox.complete() ? Math.round((inbox.completedAtNanos() - loginStart) / 1e6) : null;
        return new Result(m, msToAll, msToStored, m - inbox.held(), inbox.outOfOrder(), inbox.duplicates(), sendErrors.get(), pulls, rounds);
    }

    /** Polls each sender's 1006 for its conversation with X until their maxSeqs add up to M. */
    private static Long waitStored(Fleet fleet, String userX, int m, BenchConfig config) throws Exception {
        long start = System.nanoTime();
        long deadline = start + (long) (config.offlineTimeoutSeconds() * 1e9);
        while (System.nanoTime() < deadline) {
            List<CompletableFuture<Long>> maxSeqs = new ArrayList<>();
            for (int s = 0; s < config.offlineSenders(); s++) {
                ImConnection sender = fleet.user(s);
                String conversationId = conversationId(sender.userId, userX);
                var req = GetConversationsHasReadAndMaxSeqReq.newBuilder().setUserID(sender.userId)
                        .addConversationIDs(conversationId).build();
                maxSeqs.add(sender.request(ImConnection.GET_CONV_MAX_READ_SEQ, req.toByteArray()).thenApply(f -> {
                    try {
                        Seqs seqs = GetConversationsHasReadAndMaxSeqResp.parseFrom(f.data()).getSeqsMap().get(conversationId);
                        return seqs == null ? 0L : seqs.getMaxSeq();
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        return 0L;
                    }
                }));
            }
            long stored = 0;
            for (CompletableFuture<Long> maxSeq : maxSeqs) {
                stored += maxSeq.join();
            }
            if (stored >= m) {
                return Math.round((System.nanoTime() - start) / 1e6);
            }
            Thread.sleep(50);
        }
        return null;
    }

    static String conversationId(String a, String b) {
        return a.compareTo(b) < 0 ? "si_" + a + "_" + b : "si_" + b + "_" + a;
    }

    private static void hold(OfflineInbox inbox, String run, String userX, MsgData msg) {
        if (!msg.getRecvID().equals(userX)) {
            return;
        }
        MessageBody body = MessageBody.decode(msg.getContent().toByteArray(), run);
        if (body != null && body.ledger() == TAG) {
            inbox.add(conversationId(msg.getSendID(), userX), msg.getSeq(), body.id());
        }
    }

    /** Each sender sends its share one after another, each send waiting for the previous answer, as an SDK does. */
    private static CompletableFuture<Void> sendAll(Fleet fleet, String userX, int m, int senders, AtomicLong errors) {
        AtomicInteger ids = new AtomicInteger();
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int share = m / senders + (s < m % senders ? 1 : 0);
            chains.add(sendChain(fleet, fleet.user(s), userX, share, ids, errors));
        }
        return CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new));
    }

    private static CompletableFuture<Void> sendChain(Fleet fleet, ImConnection from, String userX, int remaining,
                                                     AtomicInteger ids, AtomicLong errors) {
        if (remaining == 0) {
            return CompletableFuture.completedFuture(null);
        }
        MessageBody body = new MessageBody(fleet.run(), TAG, ids.getAndIncrement(), Clock.micros());
        MsgData msg = Fleet.textMessage(from.userId, body).setRecvID(userX).setSessionType(Fleet.SINGLE_CHAT).build();
        return from.request(ImConnection.SEND_MSG, msg.toByteArray()).handle((f, e) -> {
            if (e != null || f.errCode() != 0) {
                errors.incrementAndGet();
            }
            return null;
        }).thenCompose(ignored -> sendChain(fleet, from, userX, remaining - 1, ids, errors));
    }
}
