package dev.parley.runtime.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.runtime.gateway.ConversationViews;
import dev.parley.runtime.protocol.Conversations;
import dev.parley.runtime.protocol.ImException;
import org.junit.jupiter.api.Test;

class ConversationsTest {

    @Test
    void singleChatIdIsTheSameFromEitherSide() {
        assertEquals("si_alice_bob", Conversations.single("bob", "alice"));
        assertEquals("si_alice_bob", Conversations.single("alice", "bob"));
        assertEquals("si_alice_bob", Conversations.of(1, "bob", "alice", ""));
        assertEquals("sg_g1", Conversations.of(3, "bob", "", "g1"));
        assertThrows(ImException.class, () -> Conversations.of(9, "a", "b", ""));
    }

    @Test
    void onlyTheTwoUsersTakePartInASingleChat() {
        assertTrue(Conversations.singleChatHas("si_alice_bob", "alice"));
        assertTrue(Conversations.singleChatHas("si_alice_bob", "bob"));
        assertFalse(Conversations.singleChatHas("si_alice_bob", "ali"));
        assertFalse(Conversations.singleChatHas("si_alice_bob", "ob"));
        assertFalse(Conversations.singleChatHas("sg_alice", "alice"));
    }

    @Test
    void peerIsTheOtherUser() {
        assertEquals("bob", ConversationViews.peerOf("si_alice_bob", "alice"));
        assertEquals("alice", ConversationViews.peerOf("si_alice_bob", "bob"));
    }

    @Test
    void userIdsThatWouldBreakConversationIdsAreRejected() {
        assertTrue(Conversations.USER_ID.matcher("user-42@corp").matches());
        assertFalse(Conversations.USER_ID.matcher("a_b").matches());
        assertFalse(Conversations.USER_ID.matcher("a.b").matches());
        assertFalse(Conversations.USER_ID.matcher("").matches());
    }
}
