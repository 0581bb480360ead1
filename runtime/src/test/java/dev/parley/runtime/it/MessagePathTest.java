package dev.parley.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import dev.parley.runtime.kafka.KafkaClients;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.store.redis.SeqCounters;
import dev.parley.runtime.support.ImClient;
import dev.parley.runtime.support.ImTestBase;
import dev.parley.runtime.support.ParleyTestStack;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** DESIGN §2 invariants 1–3 on the real path: WebSocket → Kafka → transfer → MongoDB → push. */
@QuarkusTest
@QuarkusTestResource(value = ParleyTestStack.class, restrictToAnnotatedClass = false)
class MessagePathTest extends ImTestBase {
    private static final Duration STORED_WITHIN = Duration.ofSeconds(30);

    @Inject
    RedisDataSource redis;

    @Test
    void receiverGetsThePushWithItsSeqAndTheSenderItsEcho() throws Exception {
        List<String> users = api().register("alice", "bob");
        ImClient alice = login(users.get(0), 5);
        ImClient bob = login(users.get(1), 5);

        JsonNode resp = alice.sendText(users.get(1), "hi bob", newClientMsgId(), "op-hello");
        assertEquals(0, resp.path("errCode").asInt(), resp.toString());

        MsgData received = bob.nextPushedMessage(STORED_WITHIN);
        assertNotNull(received, "bob got no push");
        assertEquals(1, received.getSeq());
        assertEquals("{\"content\":\"hi bob\"}", received.getContent().toStringUtf8());
        JsonNode echo = alice.pushes.poll(30, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(echo, "alice got no echo");
        assertEquals("op-hello", echo.path("operationID").asText(), "the echo carries the send's operationID");
    }

    @Test
    void nothingIsPushedBeforeItIsStoredInMongo() throws Exception {
        List<String> users = api().register("carol", "dave");
        ImClient carol = login(users.get(0), 5);
        ImClient dave = login(users.get(1), 5);
        String conversationId = single(users.get(0), users.get(1));

        ParleyTestStack.mongoProxy.cut();
        try {
            JsonNode resp = carol.sendText(users.get(1), "while mongo is away", newClientMsgId(), "op-away");
            assertEquals(0, resp.path("errCode").asInt(), "the send is acked once Kafka has it: " + resp);
            assertNull(dave.nextPushedMessage(Duration.ofSeconds(4)), "pushed although MongoDB could not store it");
            assertTrue(storedSeqs(conversationId).isEmpty());
        } finally {
            ParleyTestStack.mongoProxy.restore();
        }
        MsgData pushed = dave.nextPushedMessage(Duration.ofSeconds(60));
        assertNotNull(pushed, "the message was never delivered after MongoDB came back");
        assertEquals(List.of(1L), storedSeqs(conversationId), "stored once, with seq 1");
        assertEquals(1, pushed.getSeq());
    }

    @Test
    void concurrentSendersGetDenseDuplicateFreeSeqs() throws Exception {
        List<String> users = api().register("erin", "frank");
        String conversationId = single(users.get(0), users.get(1));
        List<ImClient> devices = new ArrayList<>();
        for (int platform : new int[] {1, 2, 3}) {
            devices.add(login(users.get(0), platform));
            devices.add(login(users.get(1), platform));
        }
        int perDevice = 25;
        ExecutorService pool = Executors.newFixedThreadPool(devices.size());
        List<Future<?>> sends = new ArrayList<>();
        for (ImClient device : devices) {
            String peer = device.userId.equals(users.get(0)) ? users.get(1) : users.get(0);
            sends.add(pool.submit(() -> {
                for (int i = 0; i < perDevice; i++) {
                    JsonNode r = device.sendText(peer, "m" + i, newClientMsgId(), "op-" + i);
                    assertEquals(0, r.path("errCode").asInt(), r.toString());
                }
                return null;
            }));
        }
        for (Future<?> f : sends) {
            f.get();
        }
        pool.shutdown();
        int total = devices.size() * perDevice;
        List<Long> seqs = awaitStoredSeqs(conversationId, total, STORED_WITHIN);
        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), seqs, "seqs 1.." + total + " with no gap and no repeat");
    }

    @Test
    void redeliveredRecordKeepsItsSeqAndIsStoredOnce() throws Exception {
        List<String> users = api().register("gina", "hank");
        ImClient gina = login(users.get(0), 5);
        String conversationId = single(users.get(0), users.get(1));
        String clientMsgId = newClientMsgId();
        assertEquals(0, gina.sendText(users.get(1), "once", clientMsgId, "op-once").path("errCode").asInt());
        awaitStoredSeqs(conversationId, 1, STORED_WITHIN);

        // What the transfer sees when it crashed after storing but before committing: the same record again.
        MsgData original = MsgData.parseFrom(((org.bson.types.Binary) messages()
                .find(Filters.eq("_id", conversationId + ":1")).first().get("msg")).getData()).toBuilder().setSeq(0).build();
        produce(conversationId, original.toByteArray());
        produce(conversationId, original.toByteArray());
        assertEquals(0, gina.sendText(users.get(1), "after", newClientMsgId(), "op-after").path("errCode").asInt());

        List<Long> seqs = awaitStoredSeqs(conversationId, 2, STORED_WITHIN);
        Thread.sleep(500);
        assertEquals(List.of(1L, 2L), storedSeqs(conversationId), "the redelivered message got no second seq");
        assertEquals(1, messages().countDocuments(Filters.and(Filters.eq("conversationId", conversationId),
                Filters.eq("clientMsgID", clientMsgId))));
        assertEquals(2, seqs.size());
    }

    @Test
    void lostRedisCounterContinuesAfterTheHighestStoredSeq() throws Exception {
        List<String> users = api().register("ivan", "judy");
        ImClient ivan = login(users.get(0), 5);
        String conversationId = single(users.get(0), users.get(1));
        sendAll(ivan, users.get(1), 3);
        awaitStoredSeqs(conversationId, 3, STORED_WITHIN);

        redis.key().del(SeqCounters.key(conversationId));
        sendAll(ivan, users.get(1), 3);

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), awaitStoredSeqs(conversationId, 6, STORED_WITHIN));
    }

    @Test
    void staleRedisCounterNeverHandsOutAStoredSeqAgain() throws Exception {
        List<String> users = api().register("kate", "leo");
        ImClient kate = login(users.get(0), 5);
        String conversationId = single(users.get(0), users.get(1));
        sendAll(kate, users.get(1), 4);
        awaitStoredSeqs(conversationId, 4, STORED_WITHIN);

        // A Redis restored from an old snapshot: the counter is behind what is stored.
        redis.value(Long.class).set(SeqCounters.key(conversationId), 1L);
        sendAll(kate, users.get(1), 2);

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), awaitStoredSeqs(conversationId, 6, STORED_WITHIN));
        Set<String> clientMsgIds = new HashSet<>();
        messages().find(Filters.eq("conversationId", conversationId)).forEach(d -> clientMsgIds.add(d.getString("clientMsgID")));
        assertEquals(6, clientMsgIds.size());
    }

    @Test
    void unprocessableRecordGoesToTheDeadLetterTopicWithItsReason() throws Exception {
        List<String> users = api().register("mia", "ned");
        String conversationId = single(users.get(0), users.get(1));
        byte[] garbage = "not a protobuf message \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        produce(conversationId, garbage);
        MsgData noClientMsgId = ImClient.textMessage(users.get(0), users.get(1), "no id", "");
        produce(conversationId, noClientMsgId.toByteArray());
        ImClient mia = login(users.get(0), 5);
        assertEquals(0, mia.sendText(users.get(1), "still flows", newClientMsgId(), "op-flow").path("errCode").asInt());
        assertEquals(List.of(1L), awaitStoredSeqs(conversationId, 1, STORED_WITHIN), "records behind the bad ones are stored");

        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(ParleyTestStack.DEAD_LETTER_TOPIC));
            long deadline = System.currentTimeMillis() + 30_000;
            while (reasons.size() < 2 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (conversationId.equals(r.key())) {
                        reasons.add(KafkaClients.header(r.headers(), KafkaClients.DEAD_LETTER_REASON));
                    }
                }
            }
        }
        assertEquals(2, reasons.size(), "both bad records are dead-lettered: " + reasons);
        assertTrue(reasons.get(0).contains("not a protobuf MsgData"), reasons.get(0));
        assertTrue(reasons.get(1).contains("clientMsgID is empty"), reasons.get(1));
    }

    private static void sendAll(ImClient client, String peer, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            JsonNode r = client.sendText(peer, "n" + i, newClientMsgId(), "op-n" + i);
            assertEquals(0, r.path("errCode").asInt(), r.toString());
        }
    }

    private static void produce(String key, byte[] value) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", ParleyTestStack.KAFKA);
        p.put("acks", "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(ParleyTestStack.MESSAGES_TOPIC, key, value)).get();
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", ParleyTestStack.KAFKA);
        p.put("group.id", "dead-letter-reader-" + java.util.UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
