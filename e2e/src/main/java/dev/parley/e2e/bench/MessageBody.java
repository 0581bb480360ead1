package dev.parley.e2e.bench;

import java.nio.charset.StandardCharsets;

/**
 * The text a benchmark message carries: {"content":"pbench RUN LEDGER ID SENDMICROS"}. The run tag keeps
 * other runs' messages out of the counts; the ledger and id make every message unique; the send
 * timestamp lets the receiver measure latency on its own clock (one JVM, so one clock).
 */
public record MessageBody(String run, int ledger, int id, long sendMicros) {
    private static final String PREFIX = "{\"content\":\"pbench ";

    public byte[] encode() {
        return (PREFIX + run + ' ' + ledger + ' ' + id + ' ' + sendMicros + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The body of a benchmark message of run {@code run}, or null for anything else. */
    public static MessageBody decode(byte[] content, String run) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (!text.startsWith(PREFIX) || !text.endsWith("\"}")) {
            return null;
        }
        String[] parts = text.substring(PREFIX.length(), text.length() - 2).split(" ");
        if (parts.length != 4 || !parts[0].equals(run)) {
            return null;
        }
        try {
            return new MessageBody(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
