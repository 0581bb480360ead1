package dev.parley.runtime.protocol;

import java.util.List;

/** OpenIM's conversation IDs and session types. */
public final class Conversations {
    public static final int SINGLE_CHAT = 1;
    public static final int WRITE_GROUP_CHAT = 2;
    public static final int READ_GROUP_CHAT = 3;
    public static final int NOTIFICATION_CHAT = 4;

    /** User and group IDs Parley accepts: they become parts of conversation IDs and document keys. */
    public static final java.util.regex.Pattern USER_ID = java.util.regex.Pattern.compile("[A-Za-z0-9@-]{1,64}");

    private Conversations() {
    }

    /** {@code si_<min>_<max>} for a single chat: both users see the same conversation. */
    public static String single(String a, String b) {
        return a.compareTo(b) <= 0 ? "si_" + a + "_" + b : "si_" + b + "_" + a;
    }

    public static String group(String groupId) {
        return "sg_" + groupId;
    }

    public static boolean isGroup(String conversationId) {
        return conversationId.startsWith("sg_");
    }

    public static String groupIdOf(String conversationId) {
        return conversationId.substring(3);
    }

    /** The conversation a sent message belongs to, from its session type. */
    public static String of(int sessionType, String sendId, String recvId, String groupId) {
        return switch (sessionType) {
            case SINGLE_CHAT -> single(sendId, recvId);
            case READ_GROUP_CHAT, WRITE_GROUP_CHAT -> group(groupId);
            default -> throw ImException.args("unsupported sessionType " + sessionType + ": use 1 (single chat) or 3 (group)");
        };
    }

    /** Whether a user takes part in a single chat (user IDs never contain '_', see {@link #USER_ID}). */
    public static boolean singleChatHas(String conversationId, String userId) {
        return conversationId.startsWith("si_")
                && (conversationId.startsWith("si_" + userId + "_") || conversationId.endsWith("_" + userId));
    }

    /** The two members of a single chat whose user IDs are known. */
    public static List<String> singleMembers(String sendId, String recvId) {
        return sendId.equals(recvId) ? List.of(sendId) : List.of(sendId, recvId);
    }
}
