package dev.parley.e2e.bench;

import com.google.protobuf.ByteString;
import dev.parley.runtime.protocol.pb.GetConversationsHasReadAndMaxSeqReq;
import dev.parley.runtime.protocol.pb.MsgData;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The logged-in users of one run, and the routing of what they receive: every benchmark message
 * names its ledger, so one sink serves every phase.
 */
public final class Fleet implements ImConnection.MessageSink {
    public static final int SINGLE_CHAT = 1;
    public static final int GROUP_CHAT = 3;

    private final HttpClient http;
    private final AppServerApi api;
    private final BenchConfig config;
    private final String run;
    private final List<DeliveryLedger> ledgers = new CopyOnWriteArrayList<>();
    private final List<ImConnection> online = new ArrayList<>();

    public AppServerApi api() {
        return api;
    }

    public Fleet(HttpClient http, AppServerApi api, BenchConfig config, String run) {
        this.http = http;
        this.api = api;
        this.config = config;
        this.run = run;
    }

    public String run() {
        return run;
    }

    public List<ImConnection> online() {
        return online;
    }

    public ImConnection user(int slot) {
        return online.get(slot);
    }

    public DeliveryLedger newLedger() {
        DeliveryLedger ledger = new DeliveryLedger(online.size());
        ledgers.add(ledger);
        return ledger;
    }

    public int ledgerTag(DeliveryLedger ledger) {
        return ledgers.indexOf(ledger);
    }

    /** Logs every user in (token, WebSocket, 1006 sync), a bounded number at a time, and keeps them online. */
    public void login(List<String> userIds) {
        ImConnection[] slots = new ImConnection[userIds.size()];
        int batch = config.loginConcurrency();
        for (int from = 0; from < userIds.size(); from += batch) {
            List<CompletableFuture<ImConnection>> inFlight = new ArrayList<>();
            for (int slot = from; slot < Math.min(from + batch, userIds.size()); slot++) {
                inFlight.add(login(slot, userIds.get(slot), this));
            }
            for (CompletableFuture<ImConnection> c : inFlight) {
                ImConnection conn = c.join();
                slots[conn.slot] = conn;
            }
        }
        online.addAll(List.of(slots));
    }

    /** One SDK-style login: user token, WebSocket with its acknowledgement, then 1006. */
    public CompletableFuture<ImConnection> login(int slot, String userId, ImConnection.MessageSink sink) {
        return api.userToken(userId, config.platform()).thenCompose(token -> connect(slot, userId, token, sink));
    }

    /** The client side of a login with a token in hand: WebSocket with its acknowledgement, then 1006. */
    public CompletableFuture<ImConnection> connect(int slot, String userId, String token, ImConnection.MessageSink sink) {
        return ImConnection.open(http, config.ws(), slot, userId, token, config.platform(), config.requestTimeoutSeconds())
                .thenCompose(conn -> {
                    conn.sink(sink);
                    return conn.request(ImConnection.GET_CONV_MAX_READ_SEQ,
                                    GetConversationsHasReadAndMaxSeqReq.newBuilder().setUserID(userId).build().toByteArray())
                            .thenApply(f -> {
                                if (f.errCode() != 0) {
                                    throw new IllegalStateException("1006 for " + userId + " answered " + f.errCode() + " " + f.errMsg());
                                }
                                return conn;
                            });
                });
    }

    /** The SDK's heartbeat: a text ping every 10 s on every connection. */
    public void heartbeat(ScheduledExecutorService timer) {
        timer.scheduleAtFixedRate(() -> online.forEach(ImConnection::ping), 10, 10, TimeUnit.SECONDS);
    }

    /** Sends a one-to-one text message from one slot to another and books it in {@code ledger}. */
    public void sendSingle(DeliveryLedger ledger, int tag, int fromSlot, int toSlot) {
        ImConnection from = online.get(fromSlot);
        long now = Clock.micros();
        int id = ledger.register(fromSlot, toSlot, now);
        MsgData msg = textMessage(from.userId, new MessageBody(run, tag, id, now))
                .setRecvID(online.get(toSlot).userId).setSessionType(SINGLE_CHAT).build();
        send(ledger, id, from, msg);
    }

    /** Sends a group text message and books {@code fanout} deliveries for it. */
    public void sendGroup(DeliveryLedger ledger, int tag, int fromSlot, int group, String groupId, int fanout) {
        ImConnection from = online.get(fromSlot);
        long now = Clock.micros();
        int id = ledger.registerGroup(fromSlot, group, fanout, now);
        MsgData msg = textMessage(from.userId, new MessageBody(run, tag, id, now))
                .setGroupID(groupId).setSessionType(GROUP_CHAT).build();
        send(ledger, id, from, msg);
    }

    static MsgData.Builder textMessage(String sendId, MessageBody body) {
        return MsgData.newBuilder().setSendID(sendId)
                .setClientMsgID(body.run() + "-" + body.ledger() + "-" + body.id())
                .setMsgFrom(100).setContentType(101).setStatus(1)
                .setContent(ByteString.copyFrom(body.encode()));
    }

    private static void send(DeliveryLedger ledger, int id, ImConnection from, MsgData msg) {
        from.request(ImConnection.SEND_MSG, msg.toByteArray()).whenComplete((f, e) -> {
            if (e != null || f.errCode() != 0) {
                ledger.sendFailed(id);
            }
        });
    }

    @Override
    public void onMessage(ImConnection to, MsgData msg, long receiveMicros) {
        boolean forMe = msg.getSessionType() == SINGLE_CHAT ? msg.getRecvID().equals(to.userId)
                : !msg.getSendID().equals(to.userId);
        if (!forMe) {
            return; // the sender's own echo
        }
        MessageBody body = MessageBody.decode(msg.getContent().toByteArray(), run);
        if (body == null || body.ledger() < 0 || body.ledger() >= ledgers.size()) {
            return;
        }
        ledgers.get(body.ledger()).receive(body.id(), to.slot, body.sendMicros(), receiveMicros);
    }

    /**
     * Waits until the ledger has every delivery, nothing arrived for the idle time, or the drain
     * limit passed; returns whether it is complete.
     */
    public boolean drain(DeliveryLedger ledger) throws InterruptedException {
        return drain(List.of(ledger));
    }

    /** {@link #drain(DeliveryLedger)} over several ledgers: progress on any of them counts. */
    public boolean drain(List<DeliveryLedger> ledgers) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (config.drainSeconds() * 1e9);
        long idleLimit = (long) (config.idleDrainSeconds() * 1e9);
        long lastCount = -1;
        long lastProgress = System.nanoTime();
        while (!ledgers.stream().allMatch(DeliveryLedger::complete)) {
            long now = System.nanoTime();
            long count = ledgers.stream().mapToLong(DeliveryLedger::receivedUnique).sum();
            if (count != lastCount) {
                lastCount = count;
                lastProgress = now;
            }
            if (now > deadline || now - lastProgress > idleLimit) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    public long connectionErrors() {
        return online.stream().mapToLong(c -> c.errors.get()).sum();
    }

    public void closeAll() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        online.forEach(c -> closing.add(c.close()));
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: the process exits anyway
        }
    }
}
