package dev.parley.runtime.delivery;

import dev.parley.runtime.protocol.Conversations;
import dev.parley.runtime.protocol.pb.MsgData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Who a stored message is delivered to: the users whose inboxes and sessions it reaches. */
@ApplicationScoped
public class ConversationMembers {

    public List<String> recipientsOf(String conversationId, MsgData msg) {
        if (msg.getSessionType() == Conversations.SINGLE_CHAT) {
            return Conversations.singleMembers(msg.getSendID(), msg.getRecvID());
        }
        throw new IllegalArgumentException("no members known for conversation " + conversationId);
    }
}
