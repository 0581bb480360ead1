package dev.parley.runtime.protocol;

/** A server frame: the response to a request (matched on msgIncr) or a push (empty msgIncr). */
public record WsResponse(int reqIdentifier, String msgIncr, String operationID, int errCode, String errMsg, byte[] data) {

    public static WsResponse ok(WsRequest req, byte[] data) {
        return new WsResponse(req.reqIdentifier(), req.msgIncr(), req.operationID(), 0, "", data);
    }

    public static WsResponse error(WsRequest req, ErrCode code, String errMsg) {
        return new WsResponse(req.reqIdentifier(), req.msgIncr(), req.operationID(), code.code, errMsg, null);
    }

    public static WsResponse push(int reqIdentifier, String operationID, byte[] data) {
        return new WsResponse(reqIdentifier, "", operationID, 0, "", data);
    }
}
