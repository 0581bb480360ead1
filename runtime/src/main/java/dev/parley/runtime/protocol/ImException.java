package dev.parley.runtime.protocol;

/** A request failure that reaches the client as an OpenIM {@code errCode}/{@code errMsg}. */
public class ImException extends RuntimeException {
    private final ErrCode errCode;

    public ImException(ErrCode errCode, String errMsg) {
        super(errMsg);
        this.errCode = errCode;
    }

    public ErrCode errCode() {
        return errCode;
    }

    public static ImException args(String errMsg) {
        return new ImException(ErrCode.ARGS, errMsg);
    }

    public static ImException noPermission(String errMsg) {
        return new ImException(ErrCode.NO_PERMISSION, errMsg);
    }
}
