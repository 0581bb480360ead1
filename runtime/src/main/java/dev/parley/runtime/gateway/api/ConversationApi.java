package dev.parley.runtime.gateway.api;

import dev.parley.runtime.gateway.ConversationViews;
import dev.parley.runtime.protocol.pb.Conversation;
import dev.parley.runtime.store.mongo.InboxStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The conversation list the SDK syncs at login, from the user's inbox. */
@Path("/conversation")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ConversationApi {
    private final Caller caller;
    private final ConversationViews views;

    public ConversationApi(Caller caller, ConversationViews views) {
        this.caller = caller;
        this.views = views;
    }

    public record UserReq(String userID, Long version, String versionID) {
    }

    @POST
    @Path("/get_incremental_conversations")
    public ApiResult incremental(@HeaderParam("token") String token, UserReq req) {
        String userId = caller.selfOrAdmin(token, req == null ? null : req.userID()).userId();
        String owner = req != null && req.userID() != null && !req.userID().isEmpty() ? req.userID() : userId;
        List<Map<String, Object>> conversations = new ArrayList<>();
        views.inboxOf(owner).forEach((conversationId, entry) -> conversations.add(json(ConversationViews.conversation(owner, conversationId, entry))));
        // No version log is kept: every answer is a full list, which the SDK applies as such.
        return ApiResult.ok(IncrementalSync.full(conversations));
    }

    @POST
    @Path("/get_not_notify_conversation_ids")
    public ApiResult notNotify(@HeaderParam("token") String token, UserReq req) {
        caller.selfOrAdmin(token, req == null ? null : req.userID());
        return ApiResult.ok(Map.of("conversationIDs", List.of()));
    }

    @POST
    @Path("/get_conversations_need_sync")
    public ApiResult needSync(@HeaderParam("token") String token, UserReq req) {
        return notNotify(token, req);
    }

    static Map<String, Object> json(Conversation c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ownerUserID", c.getOwnerUserID());
        m.put("conversationID", c.getConversationID());
        m.put("recvMsgOpt", c.getRecvMsgOpt());
        m.put("conversationType", c.getConversationType());
        m.put("userID", c.getUserID());
        m.put("groupID", c.getGroupID());
        m.put("isPinned", c.getIsPinned());
        m.put("attachedInfo", c.getAttachedInfo());
        m.put("isPrivateChat", c.getIsPrivateChat());
        m.put("groupAtType", c.getGroupAtType());
        m.put("ex", c.getEx());
        m.put("burnDuration", c.getBurnDuration());
        m.put("minSeq", c.getMinSeq());
        m.put("maxSeq", c.getMaxSeq());
        m.put("msgDestructTime", c.getMsgDestructTime());
        m.put("isMsgDestruct", c.getIsMsgDestruct());
        return m;
    }
}
