package dev.parley.runtime.gateway.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Friend routes the SDK calls at login and before a first single chat. Parley has no friend
 * relations (anyone registered can be messaged), so the lists are truthfully empty.
 */
@Path("/friend")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FriendApi {
    private final Caller caller;

    public FriendApi(Caller caller) {
        this.caller = caller;
    }

    public record OwnerReq(String userID, String ownerUserID) {
    }

    @POST
    @Path("/get_incremental_friends")
    public ApiResult incremental(@HeaderParam("token") String token, OwnerReq req) {
        caller.user(token);
        return ApiResult.ok(IncrementalSync.emptyFull());
    }

    @POST
    @Path("/get_full_friend_user_ids")
    public ApiResult fullIds(@HeaderParam("token") String token, OwnerReq req) {
        caller.user(token);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", 0);
        data.put("versionID", "");
        data.put("equal", false);
        data.put("userIDs", List.of());
        return ApiResult.ok(data);
    }

    @POST
    @Path("/get_designated_friends")
    public ApiResult designated(@HeaderParam("token") String token, OwnerReq req) {
        caller.user(token);
        return ApiResult.ok(Map.of("friendsInfo", List.of()));
    }
}
