package dev.parley.runtime.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.gateway.LocalSessions;
import dev.parley.runtime.gateway.MessageIngress;
import dev.parley.runtime.gateway.RequestDispatcher;
import dev.parley.runtime.gateway.SendPermissions;
import dev.parley.runtime.kafka.KafkaClients;
import dev.parley.runtime.protocol.ReqIdentifier;
import dev.parley.runtime.protocol.WsRequest;
import dev.parley.runtime.protocol.WsResponse;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.protocol.pb.UserSendMsgResp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** DESIGN §2.1, the sender's half: a send is answered only once Kafka acknowledged the record. */
class SendAckTest {
    private final MockProducer<String, byte[]> kafka = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final ParleyConfig config = new SmallRyeConfigBuilder().withMapping(ParleyConfig.class)
            .withConverter(Duration.class, 200, new DurationConverter()).build().getConfigMapping(ParleyConfig.class);
    private final RequestDispatcher dispatcher = new RequestDispatcher(new MessageIngress(config, new KafkaClients(config) {
        @Override
        public Producer<String, byte[]> producer(String clientId) {
            return kafka;
        }
    }, new SendPermissions(null, null, null) {
        @Override
        public void check(String userId, String conversationId, MsgData msg) {
            // who may send is tested against the real stores elsewhere
        }
    }, new SimpleMeterRegistry()), null);
    private final LocalSessions.Session alice = new LocalSessions.Session("alice", 5, "token", null);

    @Test
    void sendIsAnsweredOnlyAfterTheBrokerAcknowledged() throws Exception {
        CompletableFuture<WsResponse> response = dispatcher.dispatch(alice, send("c1"));
        assertFalse(response.isDone(), "answered before Kafka acknowledged the record");
        assertEquals(1, kafka.history().size());
        assertEquals("si_alice_bob", kafka.history().get(0).key(), "keyed by conversation");

        kafka.completeNext();
        WsResponse ok = response.get();
        assertEquals(0, ok.errCode());
        assertEquals("c1", UserSendMsgResp.parseFrom(ok.data()).getClientMsgID());
    }

    @Test
    void sendTheBrokerRefusedIsAnsweredWithAnErrorToResend() throws Exception {
        CompletableFuture<WsResponse> response = dispatcher.dispatch(alice, send("c2"));
        assertTrue(kafka.errorNext(new RuntimeException("broker unavailable")));
        WsResponse failed = response.get();
        assertEquals(500, failed.errCode());
        assertTrue(failed.errMsg().contains("send it again"), failed.errMsg());
    }

    private static WsRequest send(String clientMsgId) {
        MsgData msg = MsgData.newBuilder().setSendID("alice").setRecvID("bob").setClientMsgID(clientMsgId).setSessionType(1)
                .setContentType(101).build();
        return new WsRequest(ReqIdentifier.SEND_MSG, "incr-1", "alice", "op-1", msg.toByteArray());
    }
}
