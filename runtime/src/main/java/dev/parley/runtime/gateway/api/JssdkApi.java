package dev.parley.runtime.gateway.api;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.parley.runtime.gateway.ConversationViews;
import dev.parley.runtime.protocol.ImException;
import dev.parley.runtime.protocol.pb.GetActiveConversationsReq;
import dev.parley.runtime.protocol.pb.GetConversationsReq;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/** The JS SDK's protobuf routes: raw protobuf in, base64 protobuf as {@code data} out. */
@Path("/jssdk")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class JssdkApi {
    private final Caller caller;
    private final ConversationViews views;

    public JssdkApi(Caller caller, ConversationViews views) {
        this.caller = caller;
        this.views = views;
    }

    @POST
    @Path("/get_active_conversations")
    public ApiResult active(@HeaderParam("token") String token, byte[] body) {
        GetActiveConversationsReq req = parse(() -> GetActiveConversationsReq.parseFrom(body));
        String owner = caller.selfOrAdmin(token, req.getOwnerUserID()).userId();
        if (!req.getOwnerUserID().isEmpty()) {
            owner = req.getOwnerUserID();
        }
        int count = req.getCount() <= 0 ? 100 : (int) Math.min(req.getCount(), 1000);
        return ApiResult.ok(Base64.getEncoder().encodeToString(views.list(owner, id -> true, count).toByteArray()));
    }

    @POST
    @Path("/get_conversations")
    public ApiResult conversations(@HeaderParam("token") String token, byte[] body) {
        GetConversationsReq req = parse(() -> GetConversationsReq.parseFrom(body));
        String owner = caller.selfOrAdmin(token, req.getOwnerUserID()).userId();
        if (!req.getOwnerUserID().isEmpty()) {
            owner = req.getOwnerUserID();
        }
        Set<String> wanted = new HashSet<>(req.getConversationIDsList());
        return ApiResult.ok(Base64.getEncoder().encodeToString(views.list(owner, wanted::contains, 0).toByteArray()));
    }

    private interface ProtoParse<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(ProtoParse<T> parse) {
        try {
            return parse.parse();
        } catch (InvalidProtocolBufferException e) {
            throw ImException.args("body is not the expected protobuf message: " + e.getMessage());
        }
    }
}
