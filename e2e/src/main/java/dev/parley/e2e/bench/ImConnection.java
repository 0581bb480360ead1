package dev.parley.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.protocol.pb.PullMsgs;
import dev.parley.runtime.protocol.pb.PushMessages;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One logged-in client: an OpenIM WebSocket speaking the JS SDK's frames. Fully asynchronous:
 * requests return futures matched on msgIncr, pushes go to the {@link MessageSink}, and outgoing
 * frames are queued because a WebSocket takes one send at a time.
 */
public final class ImConnection implements WebSocket.Listener {
    public static final int PULL_BY_SEQS = 1002;
    public static final int SEND_MSG = 1003;
    public static final int GET_CONV_MAX_READ_SEQ = 1006;
    public static final int PUSH = 2001;
    public static final int KICK = 2002;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object CLOSE = new Object();
    private static final String PING = "{\"type\":\"ping\"}";

    /** Receives every pushed message, on the WebSocket's delivery thread; must not block. */
    public interface MessageSink {
        void onMessage(ImConnection to, MsgData msg, long receiveMicros);
    }

    /** A response or push frame. */
    public record Frame(int reqIdentifier, String msgIncr, String operationId, int errCode, String errMsg, byte[] data) {
        static Frame parse(byte[] utf8Json) throws java.io.IOException {
            JsonNode n = JSON.readTree(utf8Json);
            JsonNode data = n.path("data");
            byte[] bytes = data.isTextual() && !data.asText().isEmpty() ? Base64.getDecoder().decode(data.asText()) : new byte[0];
            return new Frame(n.path("reqIdentifier").asInt(), n.path("msgIncr").asText(""), n.path("operationID").asText(""),
                    n.path("errCode").asInt(0), n.path("errMsg").asText(""), bytes);
        }
    }

    public final int slot;
    public final String userId;
    private final int requestTimeoutSeconds;
    private final CompletableFuture<JsonNode> handshake = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Map<String, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    private final ArrayDeque<Object> outgoing = new ArrayDeque<>();
    private final AtomicLong incr = new AtomicLong();
    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
    private final StringBuilder partialText = new StringBuilder();
    private volatile MessageSink sink = (to, msg, at) -> { };
    private boolean writing;
    private WebSocket socket;
    /** Problems seen on this connection: unreadable frames, failed writes, kicks. */
    public final AtomicLong errors = new AtomicLong();

    private ImConnection(int slot, String userId, int requestTimeoutSeconds) {
        this.slot = slot;
        this.userId = userId;
        this.requestTimeoutSeconds = requestTimeoutSeconds;
    }

    /** Opens the socket; completes once the server's acknowledgement frame said errCode 0. */
    public static CompletableFuture<ImConnection> open(HttpClient http, String wsBase, int slot, String userId, String token,
                                                       int platformId, int requestTimeoutSeconds) {
        ImConnection c = new ImConnection(slot, userId, requestTimeoutSeconds);
        String url = wsBase + "?sendID=" + userId + "&token=" + token + "&platformID=" + platformId
                + "&operationID=" + UUID.randomUUID() + "&isBackground=false&isMsgResp=true&sdkType=js";
        return http.newWebSocketBuilder().buildAsync(URI.create(url), c)
                .thenCompose(ws -> {
                    c.socket = ws;
                    return c.handshake.orTimeout(requestTimeoutSeconds, TimeUnit.SECONDS);
                })
                .thenApply(ack -> {
                    if (ack.path("errCode").asInt(-1) != 0) {
                        c.abort();
                        throw new IllegalStateException("login of " + userId + " refused: " + ack);
                    }
                    return c;
                });
    }

    public void sink(MessageSink sink) {
        this.sink = sink;
    }

    public CompletableFuture<Void> closed() {
        return closed;
    }

    /** Sends a request and completes with the frame answering it (any errCode), or fails on timeout. */
    public CompletableFuture<Frame> request(int reqIdentifier, byte[] data, String operationId) {
        String msgIncr = slot + "-" + incr.incrementAndGet();
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        pending.put(msgIncr, answer);
        String frame = "{\"reqIdentifier\":" + reqIdentifier + ",\"msgIncr\":\"" + msgIncr + "\",\"sendID\":\"" + userId
                + "\",\"operationID\":\"" + operationId + "\",\"data\":\"" + Base64.getEncoder().encodeToString(data) + "\"}";
        enqueue(frame.getBytes(StandardCharsets.UTF_8));
        return answer.orTimeout(requestTimeoutSeconds, TimeUnit.SECONDS).whenComplete((f, e) -> pending.remove(msgIncr));
    }

    public CompletableFuture<Frame> request(int reqIdentifier, byte[] data) {
        return request(reqIdentifier, data, "op-" + slot + "-" + incr.incrementAndGet());
    }

    public void ping() {
        enqueue(PING);
    }

    /** Closes after the queued frames went out. */
    public CompletableFuture<Void> close() {
        enqueue(CLOSE);
        return closed;
    }

    private void abort() {
        if (socket != null) {
            socket.abort();
        }
        closed.complete(null);
    }

    private void enqueue(Object frame) {
        synchronized (outgoing) {
            outgoing.add(frame);
            if (writing) {
                return;
            }
            writing = true;
        }
        drain();
    }

    /** Writes queued frames one at a time; continues from the write's completion instead of blocking. */
    private void drain() {
        while (true) {
            Object next;
            synchronized (outgoing) {
                next = outgoing.poll();
                if (next == null) {
                    writing = false;
                    return;
                }
            }
            CompletableFuture<WebSocket> written;
            try {
                if (next == CLOSE) {
                    written = socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
                } else if (next instanceof String text) {
                    written = socket.sendText(text, true);
                } else {
                    written = socket.sendBinary(ByteBuffer.wrap((byte[]) next), true);
                }
            } catch (RuntimeException e) {
                written = CompletableFuture.failedFuture(e);
            }
            if (!written.isDone()) {
                written.whenComplete((ws, e) -> {
                    if (e != null) {
                        errors.incrementAndGet();
                    }
                    drain();
                });
                return;
            }
            if (written.isCompletedExceptionally()) {
                errors.incrementAndGet();
            }
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partialText.append(data);
        if (last) {
            String text = partialText.toString();
            partialText.setLength(0);
            if (!text.contains("\"pong\"") && !handshake.isDone()) {
                try {
                    handshake.complete(JSON.readTree(text));
                } catch (Exception e) {
                    handshake.completeExceptionally(e);
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        long receivedAt = Clock.micros();
        byte[] bytes;
        if (last && partialBinary.size() == 0) {
            bytes = new byte[data.remaining()];
            data.get(bytes);
        } else {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partialBinary.writeBytes(chunk);
            bytes = null;
            if (last) {
                bytes = partialBinary.toByteArray();
                partialBinary.reset();
            }
        }
        if (bytes != null) {
            onFrame(bytes, receivedAt);
        }
        webSocket.request(1);
        return null;
    }

    private void onFrame(byte[] bytes, long receivedAt) {
        try {
            Frame frame = Frame.parse(bytes);
            CompletableFuture<Frame> waiting = frame.msgIncr().isEmpty() ? null : pending.remove(frame.msgIncr());
            if (waiting != null) {
                waiting.complete(frame);
            } else if (frame.reqIdentifier() == PUSH) {
                PushMessages push = PushMessages.parseFrom(frame.data());
                for (PullMsgs msgs : push.getMsgsMap().values()) {
                    for (MsgData msg : msgs.getMsgsList()) {
                        sink.onMessage(this, msg, receivedAt);
                    }
                }
            } else if (frame.reqIdentifier() == KICK) {
                errors.incrementAndGet();
            }
        } catch (Exception e) {
            errors.incrementAndGet();
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        finish(new IllegalStateException("closed " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        finish(error);
    }

    private void finish(Throwable why) {
        handshake.completeExceptionally(why);
        pending.values().forEach(f -> f.completeExceptionally(why));
        closed.complete(null);
    }
}
