package dev.parley.runtime.protocol;

/** OpenIM error codes that Parley returns (the values are those of OpenIM's errs package). */
public enum ErrCode {
    OK(0),
    SERVER_INTERNAL(500),
    ARGS(1001),
    NO_PERMISSION(1002),
    DUPLICATE_KEY(1003),
    RECORD_NOT_FOUND(1004),
    USER_ID_NOT_FOUND(1101),
    REGISTERED_ALREADY(1102),
    GROUP_ID_NOT_FOUND(1201),
    GROUP_ID_EXISTED(1202),
    NOT_IN_GROUP(1203),
    DISMISSED_ALREADY(1204),
    TOKEN_EXPIRED(1501),
    TOKEN_INVALID(1502),
    TOKEN_MALFORMED(1503),
    TOKEN_NOT_VALID_YET(1504),
    TOKEN_UNKNOWN(1505),
    TOKEN_KICKED(1506),
    TOKEN_NOT_EXIST(1507),
    CONN_ARGS(1602);

    public final int code;

    ErrCode(int code) {
        this.code = code;
    }
}
