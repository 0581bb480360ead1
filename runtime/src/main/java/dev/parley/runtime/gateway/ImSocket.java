package dev.parley.runtime.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
import dev.parley.runtime.protocol.WsRequest;
import dev.parley.runtime.protocol.WsResponse;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

/**
 * The OpenIM WebSocket endpoint: {@code ws://host:port/?sendID=..&token=..&platformID=..}. Text
 * frames carry the handshake acknowledgement and ping/pong; binary frames carry requests,
 * responses and pushes.
 */
@WebSocket(path = "/")
public class ImSocket {
    private static final Logger LOG = Logger.getLogger(ImSocket.class);
    private static final String PONG = "{\"type\":\"pong\"}";

    private final ParleyConfig config;
    private final Handshake handshake;
    private final LocalSessions sessions;
    private final RequestDispatcher dispatcher;
    private final WsCodec codec;
    private final ObjectMapper json;

    public ImSocket(ParleyConfig config, Handshake handshake, LocalSessions sessions, RequestDispatcher dispatcher,
            WsCodec codec, ObjectMapper json) {
        this.config = config;
        this.handshake = handshake;
        this.sessions = sessions;
        this.dispatcher = dispatcher;
        this.codec = codec;
        this.json = json;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        try {
            if (!config.role().runsGateway()) {
                throw new ImException(ErrCode.CONN_ARGS, "this process runs role " + config.role() + ", not the gateway");
            }
            handshake.admit(connection);
            connection.sendTextAndAwait(codec.handshake(ErrCode.OK, ""));
        } catch (ImException e) {
            connection.sendTextAndAwait(codec.handshake(e.errCode(), e.getMessage()));
            connection.closeAndAwait();
        }
    }

    @OnTextMessage
    public void text(String message, WebSocketConnection connection) {
        try {
            JsonNode node = json.readTree(message);
            if ("ping".equals(node.path("type").asText())) {
                connection.sendTextAndAwait(PONG);
            }
        } catch (Exception e) {
            LOG.debugf("ignoring a text frame that is not a ping: %s", e.getMessage());
        }
    }

    @OnBinaryMessage
    public void binary(Buffer frame, WebSocketConnection connection) {
        LocalSessions.Session session = sessions.get(connection.id());
        if (session == null) {
            connection.closeAndAwait();
            return;
        }
        WsRequest req;
        try {
            req = codec.decode(frame.getBytes());
        } catch (WsCodec.FrameException e) {
            connection.sendBinaryAndAwait(codec.encode(WsResponse.error(e.partial, e.errCode(), e.getMessage())));
            return;
        }
        dispatcher.dispatch(session, req).thenAccept(response -> connection.sendBinary(codec.encode(response))
                .subscribe().with(ok -> { }, e -> LOG.debugf("response to %s lost: %s", connection.id(), e)));
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        sessions.remove(connection.id());
    }
}
