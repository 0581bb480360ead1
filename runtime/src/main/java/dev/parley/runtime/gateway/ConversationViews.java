package dev.parley.runtime.gateway;

import dev.parley.runtime.protocol.Conversations;
import dev.parley.runtime.protocol.pb.Conversation;
import dev.parley.runtime.protocol.pb.ConversationMsg;
import dev.parley.runtime.protocol.pb.GetConversationsResp;
import dev.parley.runtime.protocol.pb.GroupInfo;
import dev.parley.runtime.store.mysql.GroupStore;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.protocol.pb.UserInfo;
import dev.parley.runtime.store.mongo.InboxStore;
import dev.parley.runtime.store.mongo.SyncLibrary;
import dev.parley.runtime.store.mysql.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A user's conversations as the SDK lists them, built from the inbox: read seq, max seq, unread, last message. */
@ApplicationScoped
public class ConversationViews {
    private final InboxStore inbox;
    private final SyncLibrary syncLibrary;
    private final UserStore users;
    private final GroupStore groups;

    public ConversationViews(InboxStore inbox, SyncLibrary syncLibrary, UserStore users, GroupStore groups) {
        this.inbox = inbox;
        this.syncLibrary = syncLibrary;
        this.users = users;
        this.groups = groups;
    }

    /** The conversation record of one inbox entry (OpenIM's conversation.Conversation). */
    public static Conversation conversation(String ownerUserId, String conversationId, InboxStore.Entry entry) {
        var c = Conversation.newBuilder().setOwnerUserID(ownerUserId).setConversationID(conversationId).setMaxSeq(entry.maxSeq());
        if (Conversations.isGroup(conversationId)) {
            c.setConversationType(Conversations.READ_GROUP_CHAT).setGroupID(Conversations.groupIdOf(conversationId));
        } else {
            c.setConversationType(Conversations.SINGLE_CHAT).setUserID(peerOf(conversationId, ownerUserId));
        }
        return c.build();
    }

    /** The other user of a single chat {@code si_<a>_<b>}. */
    public static String peerOf(String conversationId, String ownerUserId) {
        String pair = conversationId.substring(3);
        if (pair.startsWith(ownerUserId + "_")) {
            return pair.substring(ownerUserId.length() + 1);
        }
        return pair.endsWith("_" + ownerUserId) ? pair.substring(0, pair.length() - ownerUserId.length() - 1) : pair;
    }

    public Map<String, InboxStore.Entry> inboxOf(String userId) {
        return inbox.read(userId);
    }

    /** The newest {@code count} conversations (by last message time), or the ones named. */
    public GetConversationsResp list(String userId, Predicate<String> wanted, int count) {
        Map<String, InboxStore.Entry> entries = inbox.read(userId);
        List<Map.Entry<String, InboxStore.Entry>> chosen = new ArrayList<>(entries.entrySet().stream()
                .filter(e -> wanted.test(e.getKey())).toList());
        chosen.sort(Comparator.comparingLong((Map.Entry<String, InboxStore.Entry> e) -> e.getValue().maxSeqTime()).reversed());
        long unread = chosen.stream().mapToLong(e -> e.getValue().unread()).sum();
        if (count > 0 && chosen.size() > count) {
            chosen = chosen.subList(0, count);
        }
        Map<String, Long> newestSeqs = new LinkedHashMap<>();
        List<String> peers = new ArrayList<>();
        List<String> groupIds = new ArrayList<>();
        for (var e : chosen) {
            if (e.getValue().maxSeq() > 0) {
                newestSeqs.put(e.getKey(), e.getValue().maxSeq());
            }
            if (Conversations.isGroup(e.getKey())) {
                groupIds.add(Conversations.groupIdOf(e.getKey()));
            } else {
                peers.add(peerOf(e.getKey(), userId));
            }
        }
        Map<String, MsgData> lastMsgs = syncLibrary.findEach(newestSeqs);
        Map<String, UserStore.User> peerUsers = new LinkedHashMap<>();
        users.find(peers).forEach(u -> peerUsers.put(u.userId(), u));
        Map<String, GroupStore.Group> groupInfos = new LinkedHashMap<>();
        groups.groups(groupIds).forEach(g -> groupInfos.put(g.groupId(), g));
        var resp = GetConversationsResp.newBuilder();
        for (var e : chosen) {
            InboxStore.Entry entry = e.getValue();
            Conversation conversation = conversation(userId, e.getKey(), entry);
            var msg = ConversationMsg.newBuilder().setConversation(conversation).setMaxSeq(entry.maxSeq()).setReadSeq(entry.readSeq());
            MsgData last = lastMsgs.get(e.getKey());
            if (last != null) {
                msg.setLastMsg(last);
            }
            UserStore.User peer = peerUsers.get(conversation.getUserID());
            if (peer != null) {
                msg.setUser(UserInfo.newBuilder().setUserID(peer.userId()).setNickname(peer.nickname()).setFaceURL(peer.faceUrl())
                        .setCreateTime(peer.createTime()).build());
            }
            GroupStore.Group group = groupInfos.get(conversation.getGroupID());
            if (group != null) {
                msg.setGroup(GroupInfo.newBuilder().setGroupID(group.groupId()).setGroupName(group.groupName()).setFaceURL(group.faceUrl())
                        .setOwnerUserID(group.ownerUserId()).setMemberCount(group.memberCount()).setStatus(group.status())
                        .setGroupType(group.groupType()).setCreateTime(group.createTime()).build());
            }
            resp.addConversations(msg);
        }
        return resp.setUnreadCount(unread).build();
    }
}
