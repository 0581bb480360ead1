package dev.parley.runtime.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.parley.runtime.protocol.Conversations;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.protocol.pb.PushMessages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A minimal OpenIM WebSocket client speaking the JS SDK's frames, for tests. */
public final class ImClient implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong INCR = new AtomicLong();

    public final String userId;
    public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    /** Frames that answer no request: pushes (2001) and kicks (2002). */
    public final BlockingQueue<JsonNode> pushes = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final StringBuilder partialText = new StringBuilder();
    private final java.io.ByteArrayOutputStream partialBinary = new java.io.ByteArrayOutputStream();
    private WebSocket socket;

    private ImClient(String userId) {
        this.userId = userId;
    }

    /** Opens the socket and returns once the server's handshake text frame arrived. */
    public static ImClient connect(String wsBase, String userId, String token, int platformId) {
        ImClient client = new ImClient(userId);
        String url = wsBase + "/?sendID=" + userId + "&token=" + token + "&platformID=" + platformId
                + "&operationID=" + UUID.randomUUID() + "&isBackground=false&isMsgResp=true&sdkType=js";
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), client).join();
        return client;
    }

    /** The handshake answer: errCode 0 on success. */
    public JsonNode handshake() throws Exception {
        String text = texts.poll(10, TimeUnit.SECONDS);
        if (text == null) {
            throw new AssertionError("no handshake frame within 10 s");
        }
        return JSON.readTree(text);
    }

    public JsonNode request(int reqIdentifier, byte[] data) throws Exception {
        return request(reqIdentifier, data, "op-" + UUID.randomUUID());
    }

    public JsonNode request(int reqIdentifier, byte[] data, String operationId) throws Exception {
        String msgIncr = "incr-" + INCR.incrementAndGet();
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("reqIdentifier", reqIdentifier);
        frame.put("msgIncr", msgIncr);
        frame.put("sendID", userId);
        frame.put("operationID", operationId);
        frame.put("data", Base64.getEncoder().encodeToString(data));
        return sendRaw(msgIncr, JSON.writeValueAsBytes(frame));
    }

    /** Sends raw bytes as a binary frame and waits for the response carrying {@code msgIncr}. */
    public JsonNode sendRaw(String msgIncr, byte[] frame) throws Exception {
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        pending.put(msgIncr, response);
        socket.sendBinary(ByteBuffer.wrap(frame), true).join();
        return response.get(15, TimeUnit.SECONDS);
    }

    /** Sends a text chat message to {@code recvId}; returns the 1003 response. */
    public JsonNode sendText(String recvId, String text, String clientMsgId, String operationId) throws Exception {
        return request(1003, textMessage(userId, recvId, text, clientMsgId).toByteArray(), operationId);
    }

    public static MsgData textMessage(String sendId, String recvId, String text, String clientMsgId) {
        return MsgData.newBuilder().setSendID(sendId).setRecvID(recvId).setClientMsgID(clientMsgId)
                .setSessionType(Conversations.SINGLE_CHAT).setMsgFrom(100).setContentType(101).setStatus(1)
                .setContent(ByteString.copyFromUtf8("{\"content\":\"" + text + "\"}")).build();
    }

    /** The next pushed message (frame 2001), or null after the timeout. */
    public MsgData nextPushedMessage(Duration timeout) throws Exception {
        JsonNode frame = pushes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            return null;
        }
        if (frame.path("reqIdentifier").asInt() != 2001) {
            throw new AssertionError("expected a push, got " + frame);
        }
        PushMessages push = PushMessages.parseFrom(Base64.getDecoder().decode(frame.path("data").asText()));
        List<MsgData> msgs = new ArrayList<>();
        push.getMsgsMap().values().forEach(p -> msgs.addAll(p.getMsgsList()));
        return msgs.get(0);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partialText.append(data);
        if (last) {
            texts.add(partialText.toString());
            partialText.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partialBinary.writeBytes(chunk);
        if (last) {
            try {
                JsonNode frame = JSON.readTree(new String(partialBinary.toByteArray(), StandardCharsets.UTF_8));
                CompletableFuture<JsonNode> waiting = pending.remove(frame.path("msgIncr").asText(""));
                if (waiting != null) {
                    waiting.complete(frame);
                } else {
                    pushes.add(frame);
                }
            } catch (Exception e) {
                pushes.add(JSON.createObjectNode().put("unreadable", e.getMessage()));
            }
            partialBinary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    /** Sends bytes as a binary frame without waiting for an answer. */
    public void sendTextFrameBinary(byte[] frame) {
        socket.sendBinary(ByteBuffer.wrap(frame), true).join();
    }

    public void sendTextFrame(String text) {
        socket.sendText(text, true).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
    }
}
