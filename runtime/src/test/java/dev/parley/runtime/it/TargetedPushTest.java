package dev.parley.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.runtime.delivery.GatewayBatch;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.store.redis.OnlineRegistry;
import dev.parley.runtime.support.ImClient;
import dev.parley.runtime.support.ImTestBase;
import dev.parley.runtime.support.ParleyTestStack;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** DESIGN §2 invariant 6: a push reaches exactly the gateways that hold a recipient, no other. */
@QuarkusTest
@QuarkusTestResource(value = ParleyTestStack.class, restrictToAnnotatedClass = false)
class TargetedPushTest extends ImTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RedisDataSource redis;

    @Inject
    OnlineRegistry registry;

    @Test
    void pushGoesOnlyToTheGatewaysHoldingTheRecipients() throws Exception {
        List<String> users = api().register("sender", "remote", "bystander");
        String gatewayB = "gw-b-" + ParleyTestStack.RUN;
        String gatewayC = "gw-c-" + ParleyTestStack.RUN;
        // The recipient is online on another gateway instance; a bystander on a third.
        registry.register(new OnlineRegistry.Session(users.get(1), gatewayB, "conn-remote", 2, "t1"), Duration.ofMinutes(1));
        registry.register(new OnlineRegistry.Session(users.get(2), gatewayC, "conn-bystander", 2, "t2"), Duration.ofMinutes(1));
        BlockingQueue<String> toB = new LinkedBlockingQueue<>();
        BlockingQueue<String> toC = new LinkedBlockingQueue<>();
        var subB = redis.pubsub(String.class).subscribe(OnlineRegistry.channel(gatewayB), toB::add);
        var subC = redis.pubsub(String.class).subscribe(OnlineRegistry.channel(gatewayC), toC::add);
        try {
            ImClient sender = login(users.get(0), 5);
            assertEquals(0, sender.sendText(users.get(1), "to the remote gateway", newClientMsgId(), "op-remote").path("errCode").asInt());

            String payload = toB.poll(30, TimeUnit.SECONDS);
            assertNotNull(payload, "the recipient's gateway got nothing");
            GatewayBatch batch = JSON.readValue(payload, GatewayBatch.class);
            assertEquals(1, batch.pushes().size());
            assertEquals(List.of("conn-remote"), batch.pushes().get(0).connectionIds());
            assertEquals("op-remote", batch.pushes().get(0).operationID());
            assertEquals(users.get(1), MsgData.parseFrom(batch.pushes().get(0).msg()).getRecvID());

            assertNotNull(sender.nextPushedMessage(Duration.ofSeconds(10)), "the sender's own gateway delivers its echo");
            assertTrue(toC.poll(2, TimeUnit.SECONDS) == null, "a gateway without recipients received the push");
        } finally {
            subB.unsubscribe();
            subC.unsubscribe();
        }
    }
}
