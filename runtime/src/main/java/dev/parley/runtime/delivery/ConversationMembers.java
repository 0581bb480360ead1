package dev.parley.runtime.delivery;

import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.groups.GroupMembers;
import dev.parley.runtime.protocol.Conversations;
import dev.parley.runtime.protocol.pb.MsgData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Who a stored message is delivered to: the users whose inboxes and sessions it reaches. */
@ApplicationScoped
public class ConversationMembers {
    private final GroupMembers groups;
    private final int largeGroupThreshold;

    public ConversationMembers(GroupMembers groups, ParleyConfig config) {
        this.groups = groups;
        this.largeGroupThreshold = config.group().largeThreshold();
    }

    /** The audience of one message and whether its inboxes are written (write diffusion). */
    public record Audience(List<String> recipients, boolean writeDiffused) {
    }

    /** A per-batch view that reads each group's members once. */
    public Resolver resolver() {
        return new Resolver();
    }

    public final class Resolver {
        private final Map<String, List<String>> groupMembers = new HashMap<>();

        /**
         * The recipients of a message; {@code explicitRecipients} (comma-separated, from a membership
         * notification) overrides the current members, who may no longer include the people it is about.
         */
        public Audience audience(String conversationId, MsgData msg, String explicitRecipients) {
            if (msg.getSessionType() == Conversations.SINGLE_CHAT) {
                return new Audience(Conversations.singleMembers(msg.getSendID(), msg.getRecvID()), true);
            }
            List<String> members = explicitRecipients != null && !explicitRecipients.isEmpty()
                    ? Arrays.asList(explicitRecipients.split(","))
                    : groupMembers.computeIfAbsent(conversationId, c -> List.copyOf(groups.of(Conversations.groupIdOf(c)).keySet()));
            return new Audience(members, members.size() <= largeGroupThreshold);
        }
    }
}
