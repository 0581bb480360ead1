package dev.parley.runtime.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
import dev.parley.runtime.protocol.WsRequest;
import dev.parley.runtime.protocol.WsResponse;
import jakarta.enterprise.context.ApplicationScoped;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** OpenIM's JSON frame encoding (sdkType=js): UTF-8 JSON with base64 protobuf payloads. */
@ApplicationScoped
public class WsCodec {
    private final ObjectMapper json;

    public WsCodec(ObjectMapper json) {
        this.json = json;
    }

    /** A frame that could not be decoded; {@code partial} holds whatever identified the request. */
    public static final class FrameException extends ImException {
        public final WsRequest partial;

        FrameException(WsRequest partial, String errMsg) {
            super(ErrCode.ARGS, errMsg);
            this.partial = partial;
        }
    }

    public WsRequest decode(byte[] frame) {
        JsonNode node;
        try {
            node = json.readTree(frame);
        } catch (IOException e) {
            throw new FrameException(new WsRequest(0, "", "", "", null),
                    "malformed frame: expected JSON {reqIdentifier, msgIncr, sendID, operationID, data}: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new FrameException(new WsRequest(0, "", "", "", null), "malformed frame: expected a JSON object");
        }
        WsRequest partial = new WsRequest(node.path("reqIdentifier").asInt(0), node.path("msgIncr").asText(""),
                node.path("sendID").asText(""), node.path("operationID").asText(""), null);
        if (partial.reqIdentifier() == 0) {
            throw new FrameException(partial, "malformed frame: reqIdentifier is missing or not a number");
        }
        byte[] data;
        try {
            data = node.hasNonNull("data") ? Base64.getDecoder().decode(node.get("data").asText()) : new byte[0];
        } catch (IllegalArgumentException e) {
            throw new FrameException(partial, "malformed frame: data must be base64-encoded protobuf");
        }
        return new WsRequest(partial.reqIdentifier(), partial.msgIncr(), partial.sendID(), partial.operationID(), data);
    }

    public byte[] encode(WsResponse response) {
        try {
            return json.writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text frame that acknowledges (errCode 0) or refuses a connection. */
    public String handshake(ErrCode code, String errMsg) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("errCode", code.code);
        ack.put("errMsg", errMsg);
        ack.put("errDlt", "");
        try {
            return json.writeValueAsString(ack);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
