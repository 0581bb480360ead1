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

/** Group routes of the SDK's login sync. */
@Path("/group")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GroupApi {
    private final Caller caller;

    public GroupApi(Caller caller) {
        this.caller = caller;
    }

    public record UserReq(String userID) {
    }

    @POST
    @Path("/get_incremental_join_groups")
    public ApiResult incrementalJoinGroups(@HeaderParam("token") String token, UserReq req) {
        caller.selfOrAdmin(token, req == null ? null : req.userID());
        return ApiResult.ok(IncrementalSync.emptyFull());
    }

    @POST
    @Path("/get_full_join_group_ids")
    public ApiResult fullJoinGroupIds(@HeaderParam("token") String token, UserReq req) {
        caller.selfOrAdmin(token, req == null ? null : req.userID());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", 0);
        data.put("versionID", "");
        data.put("equal", false);
        data.put("groupIDs", List.of());
        return ApiResult.ok(data);
    }

    @POST
    @Path("/get_incremental_group_members_batch")
    public ApiResult incrementalMembersBatch(@HeaderParam("token") String token, UserReq req) {
        caller.selfOrAdmin(token, req == null ? null : req.userID());
        return ApiResult.ok(Map.of("respList", Map.of()));
    }
}
