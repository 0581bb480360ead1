package dev.parley.runtime.gateway;

import dev.parley.runtime.protocol.Conversations;
import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.store.mysql.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Who may send to and read a conversation. */
@ApplicationScoped
public class SendPermissions {
    private static final int KNOWN_USERS_LIMIT = 100_000;

    private final UserStore users;
    /** Users are never deleted, so a positive answer can be kept. */
    private final Set<String> knownUsers = ConcurrentHashMap.newKeySet();

    public SendPermissions(UserStore users) {
        this.users = users;
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
        throw ImException.args("sessionType " + msg.getSessionType() + " is not supported yet: use 1 (single chat)");
    }

    /** Whether the user may read the conversation's messages. */
    public boolean mayRead(String userId, String conversationId) {
        return Conversations.singleChatHas(conversationId, userId);
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
