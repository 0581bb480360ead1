package dev.parley.runtime.delivery;

import java.util.List;

/**
 * What the push role hands one gateway instance over its Redis channel: frames for some of that
 * gateway's connections, and connections to kick.
 */
public record GatewayBatch(List<Push> pushes, List<Kick> kicks) {

    /** A stored message for some connections; {@code operationID} is the send's, for the echo. */
    public record Push(List<String> connectionIds, String operationID, String conversationID, byte[] msg) {
    }

    public record Kick(String connectionId, String reason) {
    }
}
