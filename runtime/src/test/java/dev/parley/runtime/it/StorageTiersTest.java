package dev.parley.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.storage.RetentionJobs;
import dev.parley.runtime.support.ImClient;
import dev.parley.runtime.support.ImTestBase;
import dev.parley.runtime.support.ParleyTestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** DESIGN §2.5: every message lands in the storage library once, and trimmed seqs roam from it. */
@QuarkusTest
@QuarkusTestResource(value = ParleyTestStack.class, restrictToAnnotatedClass = false)
class StorageTiersTest extends ImTestBase {
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @Inject
    RetentionJobs retention;

    @Test
    void everyMessageIsInMySqlExactlyOnceEvenAcrossAMySqlOutage() throws Exception {
        List<String> users = api().register("load", "sink");
        String conversationId = single(users.get(0), users.get(1));
        ImClient sender = login(users.get(0), 5);
        send(sender, users.get(1), 0, 40);
        awaitArchived(conversationId, 40);

        ParleyTestStack.mysqlProxy.cut();
        try {
            send(sender, users.get(1), 40, 60); // stored in MongoDB and pushed while MySQL is away
            awaitStoredSeqs(conversationId, 100, WITHIN);
            Thread.sleep(30_000);
        } finally {
            ParleyTestStack.mysqlProxy.restore();
        }
        send(sender, users.get(1), 100, 20);

        awaitArchived(conversationId, 120);
        assertEquals(LongStream.rangeClosed(1, 120).boxed().toList(), archivedSeqs(conversationId), "each seq once, none missing");
    }

    @Test
    void pullOfSeqsTrimmedFromMongoIsServedFromMySqlWithIdenticalContent() throws Exception {
        List<String> users = api().register("old", "timer");
        String conversationId = single(users.get(0), users.get(1));
        ImClient sender = login(users.get(0), 5);
        send(sender, users.get(1), 0, 5);
        awaitArchived(conversationId, 5);
        ImClient reader = login(users.get(1), 5);
        List<MsgData> hot = GroupsTest.pull(reader, conversationId, 1, 5);
        assertEquals(5, hot.size());

        long trimmed = retention.trimHotWindow(System.currentTimeMillis() + 60_000);
        assertTrue(trimmed >= 5, "the hot copies were trimmed");
        assertTrue(storedSeqs(conversationId).isEmpty(), "nothing of the conversation is left in MongoDB");

        List<MsgData> roamed = GroupsTest.pull(reader, conversationId, 1, 5);
        assertEquals(hot, roamed, "the client cannot tell which tier answered");
    }

    private static void send(ImClient sender, String peer, int from, int count) throws Exception {
        for (int i = from; i < from + count; i++) {
            assertEquals(0, sender.sendText(peer, "msg " + i, newClientMsgId(), "op-" + i).path("errCode").asInt());
        }
    }

    private static void awaitArchived(String conversationId, int count) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        List<Long> seqs = List.of();
        while (System.nanoTime() < deadline) {
            seqs = archivedSeqs(conversationId);
            if (seqs.size() >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("only " + seqs.size() + " of " + count + " messages archived in MySQL within " + WITHIN);
    }

    private static List<Long> archivedSeqs(String conversationId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + ParleyTestStack.MYSQL_HOST_PORT + "/parley_test", "root", "");
                PreparedStatement select = c.prepareStatement("SELECT seq FROM im_messages WHERE conversation_id = ? ORDER BY seq")) {
            select.setString(1, conversationId);
            List<Long> seqs = new java.util.ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
            return seqs;
        }
    }
}
