package dev.parley.runtime.gateway;

import dev.parley.runtime.groups.GroupMembers;
import dev.parley.runtime.protocol.Conversations;
import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.store.mysql.GroupStore;
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
    private final GroupStore groupStore;
    /** Users are never deleted, so a positive answer can be kept. */
    private final Set<String> knownUsers = ConcurrentHashMap.newKeySet();

    public SendPermissions(UserStore users, GroupMembers groups, GroupStore groupStore) {
        this.users = users;
        this.groups = groups;
        this.groupStore = groupStore;
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

    /** The seqs of a conversation a user may read: {@code [from, to]}. */
    public record Readable(long from, long to) {
        static final Readable ALL = new Readable(1, Long.MAX_VALUE);
    }

    /**
     * What the user may read of the conversation, or null for nothing: a single chat's two users
     * read all of it; a group member from the seq at which they joined; a former member up to the
     * seq at which they left.
     */
    public Readable readable(String userId, String conversationId) {
        if (!Conversations.isGroup(conversationId)) {
            return Conversations.singleChatHas(conversationId, userId) ? Readable.ALL : null;
        }
        String groupId = Conversations.groupIdOf(conversationId);
        Long joinSeq = groups.of(groupId).get(userId);
        if (joinSeq != null) {
            return new Readable(Math.max(1, joinSeq), Long.MAX_VALUE);
        }
        return groupStore.departure(groupId, userId).map(d -> new Readable(Math.max(1, d.joinSeq()), d.leaveSeq())).orElse(null);
    }

    /** Whether the user may read the conversation's messages. */
    public boolean mayRead(String userId, String conversationId) {
        return readable(userId, conversationId) != null;
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
