package dev.parley.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.runtime.auth.Jwt;
import dev.parley.runtime.protocol.pb.GetConversationsHasReadAndMaxSeqReq;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.support.ImClient;
import dev.parley.runtime.support.ImTestBase;
import dev.parley.runtime.support.ParleyTestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** DESIGN §2 invariant 7: bad input gets an OpenIM error, and the connection stays usable. */
@QuarkusTest
@QuarkusTestResource(value = ParleyTestStack.class, restrictToAnnotatedClass = false)
class BadInputTest extends ImTestBase {

    @Test
    void malformedFrameGetsArgsErrorAndTheConnectionKeepsWorking() throws Exception {
        ImClient client = loggedIn();
        client.sendTextFrameBinary("{this is not json".getBytes(StandardCharsets.UTF_8));
        JsonNode error = client.pushes.poll(10, TimeUnit.SECONDS);
        assertNotNull(error, "no answer to a malformed frame");
        assertEquals(1001, error.path("errCode").asInt());
        assertTrue(error.path("errMsg").asText().contains("malformed frame"), error.toString());

        JsonNode badBase64 = client.sendRaw("incr-b64", ("{\"reqIdentifier\":1006,\"msgIncr\":\"incr-b64\",\"data\":\"***\"}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(1001, badBase64.path("errCode").asInt(), badBase64.toString());
        assertStillWorks(client);
    }

    @Test
    void unknownReqIdentifierGetsArgsErrorMatchedToTheRequest() throws Exception {
        ImClient client = loggedIn();
        JsonNode resp = client.request(4242, new byte[0]);
        assertEquals(1001, resp.path("errCode").asInt());
        assertTrue(resp.path("errMsg").asText().contains("unknown reqIdentifier 4242"), resp.toString());
        assertStillWorks(client);
    }

    @Test
    void oversizedMessageIsRefusedAndNothingIsStored() throws Exception {
        List<String> users = api().register("big", "small");
        ImClient client = login(users.get(0), 5);
        String huge = "x".repeat(70_000);
        JsonNode resp = client.sendText(users.get(1), huge, newClientMsgId(), "op-huge");
        assertEquals(1001, resp.path("errCode").asInt());
        assertTrue(resp.path("errMsg").asText().contains("max-content-bytes"), resp.toString());
        assertEquals(0, client.sendText(users.get(1), "small one", newClientMsgId(), "op-small").path("errCode").asInt());
        assertEquals(List.of(1L), awaitStoredSeqs(single(users.get(0), users.get(1)), 1, java.time.Duration.ofSeconds(30)));
    }

    @Test
    void sendingAsSomeoneElseOrToNobodyIsRefused() throws Exception {
        List<String> users = api().register("sly", "victim");
        ImClient client = login(users.get(0), 5);
        MsgData forged = ImClient.textMessage(users.get(1), users.get(0), "forged", newClientMsgId());
        assertEquals(1002, client.request(1003, forged.toByteArray()).path("errCode").asInt());
        JsonNode toNobody = client.sendText("nobody-" + newClientMsgId().substring(0, 8), "hello?", newClientMsgId(), "op-x");
        assertEquals(1101, toNobody.path("errCode").asInt(), toNobody.toString());
        JsonNode notProto = client.request(1003, "definitely not protobuf".getBytes(StandardCharsets.UTF_8));
        assertEquals(1001, notProto.path("errCode").asInt(), notProto.toString());
        assertStillWorks(client);
    }

    @Test
    void badTokensAreRefusedAtTheHandshakeWithTokenCodes() throws Exception {
        String user = api().register("tok").get(0);
        String good = api().userToken(user, 5);
        assertEquals(1503, refusal(user, "not-a-jwt", 5), "malformed token");
        String forged = new Jwt("some other secret").sign(user, 5, System.currentTimeMillis() / 1000, System.currentTimeMillis() / 1000 + 600);
        assertEquals(1502, refusal(user, forged, 5), "token signed with another key");
        assertEquals(1502, refusal(user, good, 3), "token of another platform");
        String other = api().register("other").get(0);
        assertEquals(1502, refusal(other, good, 5), "token of another user");
        assertEquals(1507, refusal(user, "", 5), "missing token");
    }

    @Test
    void newLoginOnTheSamePlatformKicksTheOldOne() throws Exception {
        String user = api().register("twice").get(0);
        String first = api().userToken(user, 5);
        ImClient old = track(ImClient.connect(wsBase(), user, first, 5));
        assertEquals(0, old.handshake().path("errCode").asInt());

        login(user, 5);
        JsonNode kick = old.pushes.poll(15, TimeUnit.SECONDS);
        assertNotNull(kick, "the older login was not kicked");
        assertEquals(2002, kick.path("reqIdentifier").asInt());
        assertNotNull(old.closed.get(15, TimeUnit.SECONDS));
        assertEquals(1506, refusal(user, first, 5), "a kicked token cannot log in again");
    }

    @Test
    void adminForceLogoutKicksThePlatformsSessionsAndVoidsTheirTokens() throws Exception {
        String user = api().register("forced").get(0);
        String token = api().userToken(user, 5);
        ImClient session = track(ImClient.connect(wsBase(), user, token, 5));
        assertEquals(0, session.handshake().path("errCode").asInt());
        ImClient otherPlatform = login(user, 1);

        api().ok("/auth/force_logout", api().adminToken(), java.util.Map.of("userID", user, "platformID", 5));

        JsonNode kick = session.pushes.poll(15, TimeUnit.SECONDS);
        assertNotNull(kick, "the session was not kicked");
        assertEquals(2002, kick.path("reqIdentifier").asInt());
        assertEquals(1506, refusal(user, token, 5), "the logged-out token cannot log in again");
        assertStillWorks(otherPlatform);
    }

    private int refusal(String user, String token, int platform) throws Exception {
        ImClient client = track(ImClient.connect(wsBase(), user, token, platform));
        JsonNode ack = client.handshake();
        client.closed.get(10, TimeUnit.SECONDS);
        return ack.path("errCode").asInt();
    }

    private ImClient loggedIn() throws Exception {
        return login(api().register("bad").get(0), 5);
    }

    private static void assertStillWorks(ImClient client) throws Exception {
        JsonNode resp = client.request(1006, GetConversationsHasReadAndMaxSeqReq.newBuilder().setUserID(client.userId).build().toByteArray());
        assertEquals(0, resp.path("errCode").asInt(), "the connection is still usable: " + resp);
    }
}
