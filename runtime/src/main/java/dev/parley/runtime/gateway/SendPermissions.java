package dev.parley.runtime.gateway;

import dev.parley.runtime.groups.GroupMembers;
import dev.parley.runtime.protocol.Conversations;
import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.store.mysql.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Who may send to and read a conversation, and from which seq on. */
@ApplicationScoped
public class SendPermissions {
    private static final int KNOWN_USERS_LIMIT = 100_000;

    private final UserStore users;
    private final GroupMembers groups;
    /** Users are never deleted, so a positive answer can be kept. */
    private final Set<String> knownUsers = ConcurrentHashMap.newKeySet();

    public SendPermissions(UserStore users, GroupMembers groups) {
        this.users = users;
        this.groups = groups;
    }

    public void check(String userId, String conversationId, MsgData msg) {
        if (msg.getSessionType() == Conversations.SINGLE_CHAT) {
            if (msg.getRecvID().isEmpty()) {
                throw ImException.args("recvID is empty: a single chat (sessionType 1) needs a receiver");
            }
            if (!registered(msg.getRecvID())) {
                throw new ImException(ErrCode.USER_ID_NOT_FOUND, "receiver " + msg.getRecvID() + " is not registered");
            }
            return;
        }
        if (msg.getGroupID().isEmpty()) {
            throw ImException.args("groupID is empty: a group message (sessionType 3) needs one");
        }
        if (!groups.of(msg.getGroupID()).containsKey(userId)) {
            throw new ImException(ErrCode.NOT_IN_GROUP, userId + " is not a member of group " + msg.getGroupID()
                    + " (or the group does not exist): join it first");
        }
    }

    /** The first seq of the conversation the user may read, or 0 when the user may read none of it. */
    public long firstReadableSeq(String userId, String conversationId) {
        if (Conversations.isGroup(conversationId)) {
            Long joinSeq = groups.of(Conversations.groupIdOf(conversationId)).get(userId);
            return joinSeq == null ? 0 : Math.max(1, joinSeq);
        }
        return Conversations.singleChatHas(conversationId, userId) ? 1 : 0;
    }

    /** Whether the user may read the conversation's messages. */
    public boolean mayRead(String userId, String conversationId) {
        return firstReadableSeq(userId, conversationId) > 0;
    }

    private boolean registered(String userId) {
        if (knownUsers.contains(userId)) {
            return true;
        }
        boolean exists = users.exists(userId);
        if (exists && knownUsers.size() < KNOWN_USERS_LIMIT) {
            knownUsers.add(userId);
        }
        return exists;
    }
}
