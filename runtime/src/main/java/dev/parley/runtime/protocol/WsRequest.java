package dev.parley.runtime.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A client frame: binary WebSocket frame holding UTF-8 JSON with a base64 protobuf {@code data}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WsRequest(int reqIdentifier, String msgIncr, String sendID, String operationID, byte[] data) {
}
