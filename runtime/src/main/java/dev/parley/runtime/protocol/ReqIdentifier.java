package dev.parley.runtime.protocol;

/** The reqIdentifier codes of OpenIM's WebSocket frames. */
public final class ReqIdentifier {
    public static final int GET_NEWEST_SEQ = 1001;
    public static final int PULL_MSG_BY_SEQS = 1002;
    public static final int SEND_MSG = 1003;
    public static final int GET_SEQ_MESSAGE = 1005;
    public static final int GET_CONV_MAX_READ_SEQ = 1006;
    public static final int PUSH_MSG = 2001;
    public static final int KICK_ONLINE = 2002;
    public static final int LOGOUT = 2003;
    public static final int SUB_USER_ONLINE_STATUS = 2005;

    private ReqIdentifier() {
    }
}
