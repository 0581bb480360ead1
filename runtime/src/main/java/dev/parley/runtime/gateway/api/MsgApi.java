package dev.parley.runtime.gateway.api;

import dev.parley.runtime.gateway.SendPermissions;
import dev.parley.runtime.protocol.ImException;
import dev.parley.runtime.store.mongo.InboxStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Message routes: read receipts that move the user's hasReadSeq. */
@Path("/msg")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MsgApi {
    private final Caller caller;
    private final InboxStore inbox;
    private final SendPermissions permissions;

    public MsgApi(Caller caller, InboxStore inbox, SendPermissions permissions) {
        this.caller = caller;
        this.inbox = inbox;
        this.permissions = permissions;
    }

    public record MarkReadReq(String userID, String conversationID, List<Long> seqs, Long hasReadSeq) {
    }

    @POST
    @Path("/mark_conversation_as_read")
    public ApiResult markConversationAsRead(@HeaderParam("token") String token, MarkReadReq req) {
        if (req == null || req.conversationID() == null || req.conversationID().isEmpty()) {
            throw ImException.args("conversationID is required");
        }
        String userId = caller.selfOrAdmin(token, req.userID()).userId();
        if (req.userID() != null && !req.userID().isEmpty()) {
            userId = req.userID();
        }
        if (!permissions.mayRead(userId, req.conversationID())) {
            throw ImException.noPermission(userId + " is not in conversation " + req.conversationID());
        }
        InboxStore.Entry entry = inbox.read(userId).get(req.conversationID());
        long maxSeq = entry == null ? 0 : entry.maxSeq();
        long readSeq = req.hasReadSeq() == null ? 0 : req.hasReadSeq();
        if (req.seqs() != null) {
            readSeq = Math.max(readSeq, req.seqs().stream().mapToLong(Long::longValue).max().orElse(0));
        }
        inbox.markRead(userId, req.conversationID(), Math.min(readSeq, maxSeq));
        return ApiResult.ok(Map.of());
    }
}
