package dev.parley.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.mongodb.client.model.Filters;
import dev.parley.runtime.protocol.Conversations;
import dev.parley.runtime.protocol.pb.GetConversationsHasReadAndMaxSeqReq;
import dev.parley.runtime.protocol.pb.GetConversationsHasReadAndMaxSeqResp;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.protocol.pb.PullMessageBySeqsReq;
import dev.parley.runtime.protocol.pb.PullMessageBySeqsResp;
import dev.parley.runtime.protocol.pb.SeqRange;
import dev.parley.runtime.support.ImClient;
import dev.parley.runtime.support.ImTestBase;
import dev.parley.runtime.support.ParleyTestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Groups, write diffusion with its threshold, read diffusion above it, and unread counts (DESIGN §2.4). */
@QuarkusTest
@QuarkusTestResource(value = ParleyTestStack.class, restrictToAnnotatedClass = false)
class GroupsTest extends ImTestBase {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Test
    void everyOnlineMemberGetsAGroupMessageOnceAndOfflineMembersSyncIt() throws Exception {
        String[] names = new String[30];
        for (int i = 0; i < names.length; i++) {
            names[i] = "m" + i;
        }
        List<String> members = api().register(names);
        String groupId = createGroup(members.get(0), members);
        String conversationId = Conversations.group(groupId);
        List<ImClient> online = new ArrayList<>();
        for (String member : members.subList(0, 10)) {
            online.add(login(member, 5));
        }
        awaitStoredSeqs(conversationId, 1, WITHIN); // the "group created" notification
        drain(online);

        JsonNode resp = online.get(1).request(1003, groupText(members.get(1), groupId, "hello group").toByteArray(), "op-group");
        assertEquals(0, resp.path("errCode").asInt(), resp.toString());

        for (ImClient member : online) {
            MsgData got = nextText(member, WITHIN);
            assertNotNull(got, member.userId + " got no push");
            assertEquals(2, got.getSeq());
            assertEquals("{\"content\":\"hello group\"}", got.getContent().toStringUtf8());
            assertNull(nextText(member, Duration.ofMillis(300)), member.userId + " got the message twice");
        }

        ImClient offline = login(members.get(29), 5);
        assertEquals(2, maxSeqs(offline).get(conversationId).getMaxSeq(), "the offline member's inbox knows the message");
        List<MsgData> pulled = pull(offline, conversationId, 1, 2);
        assertEquals(List.of(1L, 2L), pulled.stream().map(MsgData::getSeq).toList());
    }

    @Test
    void nonMemberCanNeitherSendNorPull() throws Exception {
        List<String> users = api().register("owner", "member", "outsider");
        String groupId = createGroup(users.get(0), users.subList(0, 2));
        awaitStoredSeqs(Conversations.group(groupId), 1, WITHIN);
        ImClient outsider = login(users.get(2), 5);

        JsonNode resp = outsider.request(1003, groupText(users.get(2), groupId, "let me in").toByteArray());
        assertEquals(1203, resp.path("errCode").asInt(), resp.toString());
        assertTrue(pull(outsider, Conversations.group(groupId), 1, 10).isEmpty());
        assertEquals(1, storedSeqs(Conversations.group(groupId)).size(), "nothing of the outsider was stored");
    }

    @Test
    void memberAddedLaterSeesNothingFromBeforeTheyJoined() throws Exception {
        List<String> users = api().register("founder", "early", "late");
        String groupId = createGroup(users.get(0), users.subList(0, 2));
        String conversationId = Conversations.group(groupId);
        ImClient founder = login(users.get(0), 5);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, founder.request(1003, groupText(users.get(0), groupId, "before " + i).toByteArray()).path("errCode").asInt());
        }
        awaitStoredSeqs(conversationId, 4, WITHIN);

        api().ok("/group/invite_user_to_group", api().adminToken(), Map.of("groupID", groupId, "invitedUserIDs", List.of(users.get(2))));
        awaitStoredSeqs(conversationId, 5, WITHIN); // the invite notification is seq 5
        assertEquals(0, founder.request(1003, groupText(users.get(0), groupId, "after").toByteArray()).path("errCode").asInt());
        awaitStoredSeqs(conversationId, 6, WITHIN);

        ImClient late = login(users.get(2), 5);
        List<MsgData> seen = pull(late, conversationId, 1, 6);
        assertEquals(List.of(5L, 6L), seen.stream().map(MsgData::getSeq).toList(), "only seqs from the join on");
        assertEquals(1509, seen.get(0).getContentType(), "seq 5 is the invite notification");
    }

    @Test
    void removedMemberKeepsTheHistoryUpToTheirRemovalAndNothingAfter() throws Exception {
        List<String> users = api().register("chief", "leaver");
        String groupId = createGroup(users.get(0), users);
        String conversationId = Conversations.group(groupId);
        ImClient chief = login(users.get(0), 5);
        for (int i = 0; i < 2; i++) {
            assertEquals(0, chief.request(1003, groupText(users.get(0), groupId, "while in " + i).toByteArray()).path("errCode").asInt());
        }
        awaitStoredSeqs(conversationId, 3, WITHIN);
        api().ok("/group/kick_group", api().adminToken(), Map.of("groupID", groupId, "kickedUserIDs", List.of(users.get(1))));
        awaitStoredSeqs(conversationId, 4, WITHIN); // the kick notice is seq 4
        assertEquals(0, chief.request(1003, groupText(users.get(0), groupId, "after").toByteArray()).path("errCode").asInt());
        awaitStoredSeqs(conversationId, 5, WITHIN);

        ImClient leaver = login(users.get(1), 5);
        List<MsgData> seen = pull(leaver, conversationId, 1, 5);
        assertEquals(List.of(1L, 2L, 3L, 4L), seen.stream().map(MsgData::getSeq).toList(), "history up to the removal, nothing after");
        assertEquals(1508, seen.get(3).getContentType(), "seq 4 is the kick notice");
        assertEquals(1203, leaver.request(1003, groupText(users.get(1), groupId, "still here?").toByteArray()).path("errCode").asInt());
    }

    @Test
    void groupAboveTheThresholdIsReadDiffusedAndStillDeliversAndSyncs() throws Exception {
        int size = ParleyTestStack.LARGE_GROUP_THRESHOLD + 2;
        String[] names = new String[size];
        for (int i = 0; i < size; i++) {
            names[i] = "big" + i;
        }
        List<String> members = api().register(names);
        String groupId = createGroup(members.get(0), members);
        String conversationId = Conversations.group(groupId);
        ImClient sender = login(members.get(0), 5);
        ImClient reader = login(members.get(1), 5);
        awaitStoredSeqs(conversationId, 1, WITHIN);
        drain(List.of(sender, reader));

        assertEquals(0, sender.request(1003, groupText(members.get(0), groupId, "to many").toByteArray()).path("errCode").asInt());
        MsgData got = nextText(reader, WITHIN);
        assertNotNull(got, "a large group still pushes to online members");
        assertEquals(2, got.getSeq());

        for (String member : members) {
            Document inbox = inbox().find(Filters.eq("_id", member)).first();
            Document conversations = inbox == null ? null : inbox.get("conversations", Document.class);
            assertFalse(conversations != null && conversations.containsKey(conversationId), "inbox of " + member + " was written");
        }
        ImClient offline = login(members.get(size - 1), 5);
        assertEquals(2, maxSeqs(offline).get(conversationId).getMaxSeq(), "1006 reads the large group's timeline");
        assertEquals(List.of(1L, 2L), pull(offline, conversationId, 1, 2).stream().map(MsgData::getSeq).toList());
    }

    @Test
    void unreadCountsAddUpAndMarkReadClearsThemOnEveryDevice() throws Exception {
        List<String> users = api().register("writer", "reader");
        String conversationId = single(users.get(0), users.get(1));
        ImClient writer = login(users.get(0), 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, writer.sendText(users.get(1), "unread " + i, newClientMsgId(), "op-u" + i).path("errCode").asInt());
        }
        awaitStoredSeqs(conversationId, 5, WITHIN);
        ImClient phone = login(users.get(1), 1);
        ImClient web = login(users.get(1), 5);
        var seqs = maxSeqs(phone).get(conversationId);
        assertEquals(5, seqs.getMaxSeq() - seqs.getHasReadSeq(), "five unread");
        assertEquals(0, maxSeqs(writer).get(conversationId).getMaxSeq() - maxSeqs(writer).get(conversationId).getHasReadSeq(),
                "the sender has read its own messages");
        var active = dev.parley.runtime.protocol.pb.GetConversationsResp.parseFrom(api().protobuf("/jssdk/get_active_conversations",
                api().userToken(users.get(1), 3), dev.parley.runtime.protocol.pb.GetActiveConversationsReq.newBuilder()
                        .setOwnerUserID(users.get(1)).setCount(20).build().toByteArray()));
        assertEquals(5, active.getUnreadCount(), "the conversation list adds up to the same unread count");
        assertEquals(conversationId, active.getConversations(0).getConversation().getConversationID());
        assertEquals("{\"content\":\"unread 4\"}", active.getConversations(0).getLastMsg().getContent().toStringUtf8());

        String token = api().userToken(users.get(1), 3);
        api().ok("/msg/mark_conversation_as_read", token, Map.of("userID", users.get(1), "conversationID", conversationId, "hasReadSeq", 5));
        for (ImClient device : List.of(phone, web)) {
            var after = maxSeqs(device).get(conversationId);
            assertEquals(after.getMaxSeq(), after.getHasReadSeq(), "unread 0 on " + device);
        }
    }

    private String createGroup(String owner, List<String> members) {
        JsonNode data = api().ok("/group/create_group", api().adminToken(), Map.of("ownerUserID", owner,
                "memberUserIDs", members.stream().filter(m -> !m.equals(owner)).toList(), "adminUserIDs", List.of(),
                "groupInfo", Map.of("groupName", "test group", "groupType", 2)));
        return data.path("groupInfo").path("groupID").asText();
    }

    static MsgData groupText(String sender, String groupId, String text) {
        return MsgData.newBuilder().setSendID(sender).setGroupID(groupId).setClientMsgID(newClientMsgId())
                .setSessionType(Conversations.READ_GROUP_CHAT).setMsgFrom(100).setContentType(101)
                .setContent(ByteString.copyFromUtf8("{\"content\":\"" + text + "\"}")).build();
    }

    static Map<String, dev.parley.runtime.protocol.pb.Seqs> maxSeqs(ImClient client) throws Exception {
        JsonNode resp = client.request(1006, GetConversationsHasReadAndMaxSeqReq.newBuilder().setUserID(client.userId).build().toByteArray());
        assertEquals(0, resp.path("errCode").asInt(), resp.toString());
        return GetConversationsHasReadAndMaxSeqResp.parseFrom(Base64.getDecoder().decode(resp.path("data").asText())).getSeqsMap();
    }

    static List<MsgData> pull(ImClient client, String conversationId, long begin, long end) throws Exception {
        JsonNode resp = client.request(1002, PullMessageBySeqsReq.newBuilder().setUserID(client.userId)
                .addSeqRanges(SeqRange.newBuilder().setConversationID(conversationId).setBegin(begin).setEnd(end).setNum(100)).build()
                .toByteArray());
        assertEquals(0, resp.path("errCode").asInt(), resp.toString());
        PullMessageBySeqsResp pulled = PullMessageBySeqsResp.parseFrom(Base64.getDecoder().decode(resp.path("data").asText()));
        return pulled.getMsgsMap().containsKey(conversationId) ? pulled.getMsgsMap().get(conversationId).getMsgsList() : List.of();
    }

    /** The next pushed chat text, passing over notifications (e.g. a late "group created"). */
    private static MsgData nextText(ImClient client, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            MsgData msg = client.nextPushedMessage(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (msg == null || msg.getContentType() == 101) {
                return msg;
            }
        }
        return null;
    }

    private static void drain(List<ImClient> clients) throws Exception {
        Thread.sleep(500);
        for (ImClient c : clients) {
            while (c.nextPushedMessage(Duration.ofMillis(200)) != null) {
                // notifications that arrived before the test's own message
            }
        }
    }
}
