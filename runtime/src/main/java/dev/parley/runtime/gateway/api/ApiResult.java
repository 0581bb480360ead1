package dev.parley.runtime.gateway.api;

/** OpenIM's HTTP envelope: always HTTP 200, success when errCode is 0; data is never null. */
public record ApiResult(int errCode, String errMsg, String errDlt, Object data) {

    public static ApiResult ok(Object data) {
        return new ApiResult(0, "", "", data == null ? java.util.Map.of() : data);
    }

    public static ApiResult error(int errCode, String errMsg) {
        return new ApiResult(errCode, errMsg, "", java.util.Map.of());
    }
}
