package dev.parley.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageBodyTest {
    @Test
    void roundTripsAsTheSdkTextContent() {
        MessageBody body = new MessageBody("r1", 3, 42, 1_700_000_000_123_456L);
        String json = new String(body.encode(), StandardCharsets.UTF_8);
        assertEquals("{\"content\":\"pbench r1 3 42 1700000000123456\"}", json);
        assertEquals(body, MessageBody.decode(body.encode(), "r1"));
    }

    @Test
    void otherRunsAndOtherTextsAreNotOurs() {
        assertNull(MessageBody.decode(new MessageBody("r1", 0, 1, 2).encode(), "r2"));
        assertNull(MessageBody.decode("{\"content\":\"hello\"}".getBytes(StandardCharsets.UTF_8), "r1"));
        assertNull(MessageBody.decode("{\"content\":\"pbench r1 x 1 2\"}".getBytes(StandardCharsets.UTF_8), "r1"));
    }
}
