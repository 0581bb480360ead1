package dev.parley.runtime.gateway.api;

import dev.parley.runtime.auth.Jwt;
import dev.parley.runtime.auth.TokenService;
import dev.parley.runtime.groups.GroupService;
import dev.parley.runtime.groups.GroupViews;
import dev.parley.runtime.protocol.ImException;
import dev.parley.runtime.store.mysql.GroupStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenIM's group routes: lifecycle, lookups, and the SDK's login sync of groups and members. */
@Path("/group")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GroupApi {
    private final Caller caller;
    private final GroupService service;
    private final GroupStore groups;

    public GroupApi(Caller caller, GroupService service, GroupStore groups) {
        this.caller = caller;
        this.service = service;
        this.groups = groups;
    }

    public record GroupInfoReq(String groupID, String groupName, String notification, String introduction, String faceURL,
            String ex, Integer groupType, Integer needVerification) {
    }

    public record CreateReq(List<String> memberUserIDs, List<String> adminUserIDs, String ownerUserID, GroupInfoReq groupInfo) {
    }

    public record MembersChangeReq(String groupID, List<String> invitedUserIDs, List<String> kickedUserIDs, String reason) {
    }

    public record GroupReq(String groupID, String userID, List<String> userIDs, List<String> groupIDs, Boolean deleteMember) {
    }

    public record MembersBatchReq(String userID, List<MembersBatchItem> reqList) {
    }

    public record MembersBatchItem(String groupID, Long version, String versionID) {
    }

    @POST
    @Path("/create_group")
    public ApiResult create(@HeaderParam("token") String token, CreateReq req) {
        Jwt.Claims claims = caller.user(token);
        if (req == null || req.groupInfo() == null) {
            throw ImException.args("groupInfo is required");
        }
        String owner = req.ownerUserID() == null || req.ownerUserID().isEmpty() ? claims.userId() : req.ownerUserID();
        if (!isAdmin(claims) && !owner.equals(claims.userId())) {
            throw ImException.noPermission("only the app admin can create a group owned by someone else");
        }
        GroupInfoReq info = req.groupInfo();
        GroupStore.Group group = service.create(isAdmin(claims) ? owner : claims.userId(), owner,
                req.memberUserIDs() == null ? List.of() : req.memberUserIDs(), req.adminUserIDs() == null ? List.of() : req.adminUserIDs(),
                new GroupService.NewGroup(info.groupID(), info.groupName(), info.notification(), info.introduction(), info.faceURL(),
                        info.ex(), info.groupType() == null ? 2 : info.groupType(), info.needVerification() == null ? 0 : info.needVerification()));
        return ApiResult.ok(Map.of("groupInfo", GroupViews.groupInfo(group)));
    }

    @POST
    @Path("/invite_user_to_group")
    public ApiResult invite(@HeaderParam("token") String token, MembersChangeReq req) {
        Jwt.Claims claims = caller.user(token);
        requireGroup(req == null ? null : req.groupID());
        if (req.invitedUserIDs() == null || req.invitedUserIDs().isEmpty()) {
            throw ImException.args("invitedUserIDs is empty");
        }
        service.invite(claims.userId(), isAdmin(claims), req.groupID(), req.invitedUserIDs());
        return ApiResult.ok(Map.of());
    }

    @POST
    @Path("/kick_group")
    public ApiResult kick(@HeaderParam("token") String token, MembersChangeReq req) {
        Jwt.Claims claims = caller.user(token);
        requireGroup(req == null ? null : req.groupID());
        if (req.kickedUserIDs() == null || req.kickedUserIDs().isEmpty()) {
            throw ImException.args("kickedUserIDs is empty");
        }
        service.kick(claims.userId(), isAdmin(claims), req.groupID(), req.kickedUserIDs());
        return ApiResult.ok(Map.of());
    }

    @POST
    @Path("/quit_group")
    public ApiResult quit(@HeaderParam("token") String token, GroupReq req) {
        requireGroup(req == null ? null : req.groupID());
        String userId = caller.selfOrAdmin(token, req.userID()).userId();
        service.quit(req.userID() == null || req.userID().isEmpty() ? userId : req.userID(), req.groupID());
        return ApiResult.ok(Map.of());
    }

    @POST
    @Path("/dismiss_group")
    public ApiResult dismiss(@HeaderParam("token") String token, GroupReq req) {
        Jwt.Claims claims = caller.user(token);
        requireGroup(req == null ? null : req.groupID());
        service.dismiss(claims.userId(), isAdmin(claims), req.groupID());
        return ApiResult.ok(Map.of());
    }

    @POST
    @Path("/get_groups_info")
    public ApiResult groupsInfo(@HeaderParam("token") String token, GroupReq req) {
        caller.user(token);
        if (req == null || req.groupIDs() == null) {
            throw ImException.args("groupIDs is required");
        }
        return ApiResult.ok(Map.of("groupInfos", groups.groups(req.groupIDs()).stream()
                .filter(g -> g.status() == GroupStore.STATUS_OK).map(GroupViews::groupInfo).toList()));
    }

    @POST
    @Path("/get_group_members_info")
    public ApiResult membersInfo(@HeaderParam("token") String token, GroupReq req) {
        caller.user(token);
        requireGroup(req == null ? null : req.groupID());
        return ApiResult.ok(Map.of("members", groups.members(req.groupID(), req.userIDs() == null ? List.of() : req.userIDs())
                .stream().map(GroupViews::member).toList()));
    }

    @POST
    @Path("/get_group_member_list")
    public ApiResult memberList(@HeaderParam("token") String token, GroupReq req) {
        caller.user(token);
        requireGroup(req == null ? null : req.groupID());
        List<GroupStore.Member> all = groups.members(req.groupID(), null);
        return ApiResult.ok(Map.of("total", all.size(), "members", all.stream().map(GroupViews::member).toList()));
    }

    @POST
    @Path("/get_full_join_group_ids")
    public ApiResult fullJoinGroupIds(@HeaderParam("token") String token, GroupReq req) {
        String userId = owner(token, req == null ? null : req.userID());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", 0);
        data.put("versionID", "");
        data.put("equal", false);
        data.put("groupIDs", joined(userId).stream().map(GroupStore.Group::groupId).toList());
        return ApiResult.ok(data);
    }

    @POST
    @Path("/get_incremental_join_groups")
    public ApiResult incrementalJoinGroups(@HeaderParam("token") String token, GroupReq req) {
        String userId = owner(token, req == null ? null : req.userID());
        return ApiResult.ok(IncrementalSync.full(joined(userId).stream().map(GroupViews::groupInfo).toList()));
    }

    @POST
    @Path("/get_joined_group_list")
    public ApiResult joinedGroupList(@HeaderParam("token") String token, GroupReq req) {
        String userId = owner(token, req == null ? null : req.userID());
        List<GroupStore.Group> joined = joined(userId);
        return ApiResult.ok(Map.of("total", joined.size(), "groups", joined.stream().map(GroupViews::groupInfo).toList()));
    }

    @POST
    @Path("/get_incremental_group_members_batch")
    public ApiResult incrementalMembersBatch(@HeaderParam("token") String token, MembersBatchReq req) {
        owner(token, req == null ? null : req.userID());
        Map<String, Object> respList = new LinkedHashMap<>();
        if (req != null && req.reqList() != null) {
            for (MembersBatchItem item : req.reqList()) {
                List<GroupStore.Group> found = groups.groups(List.of(item.groupID()));
                Map<String, Object> resp = IncrementalSync.full(groups.members(item.groupID(), null).stream().map(GroupViews::member).toList());
                resp.put("group", found.isEmpty() ? null : GroupViews.groupInfo(found.get(0)));
                respList.put(item.groupID(), resp);
            }
        }
        return ApiResult.ok(Map.of("respList", respList));
    }

    private List<GroupStore.Group> joined(String userId) {
        return groups.groupsOf(userId).stream().filter(g -> g.status() == GroupStore.STATUS_OK).toList();
    }

    private String owner(String token, String userId) {
        Jwt.Claims claims = caller.selfOrAdmin(token, userId);
        return userId == null || userId.isEmpty() ? claims.userId() : userId;
    }

    private static boolean isAdmin(Jwt.Claims claims) {
        return claims.platformId() == TokenService.ADMIN_PLATFORM;
    }

    private static void requireGroup(String groupId) {
        if (groupId == null || groupId.isEmpty()) {
            throw ImException.args("groupID is required");
        }
    }
}
