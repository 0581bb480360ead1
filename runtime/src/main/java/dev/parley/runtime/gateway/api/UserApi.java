package dev.parley.runtime.gateway.api;

import dev.parley.runtime.protocol.Conversations;
import dev.parley.runtime.protocol.ImException;
import dev.parley.runtime.store.mysql.UserStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** User registration (admin) and profiles. */
@Path("/user")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UserApi {
    private final Caller caller;
    private final UserStore users;

    public UserApi(Caller caller, UserStore users) {
        this.caller = caller;
        this.users = users;
    }

    public record NewUser(String userID, String nickname, String faceURL, String ex) {
    }

    public record RegisterReq(List<NewUser> users) {
    }

    public record UsersInfoReq(List<String> userIDs) {
    }

    public record UserInfo(String userID, String nickname, String faceURL, String ex, long createTime, int appMangerLevel,
            int globalRecvMsgOpt) {
        static UserInfo of(UserStore.User u) {
            return new UserInfo(u.userId(), u.nickname(), u.faceUrl(), u.ex() == null ? "" : u.ex(), u.createTime(), 0, 0);
        }
    }

    @POST
    @Path("/user_register")
    public ApiResult register(@HeaderParam("token") String token, RegisterReq req) {
        caller.admin(token);
        if (req == null || req.users() == null || req.users().isEmpty()) {
            throw ImException.args("users is empty: give at least one {userID, nickname}");
        }
        Set<String> seen = new HashSet<>();
        long now = System.currentTimeMillis();
        List<UserStore.User> toRegister = req.users().stream().map(u -> {
            if (u.userID() == null || !Conversations.USER_ID.matcher(u.userID()).matches()) {
                throw ImException.args("userID " + u.userID() + " is invalid: use 1-64 letters, digits, '-' or '@'");
            }
            if (!seen.add(u.userID())) {
                throw ImException.args("userID " + u.userID() + " appears twice in the request");
            }
            return new UserStore.User(u.userID(), u.nickname() == null ? "" : u.nickname(),
                    u.faceURL() == null ? "" : u.faceURL(), u.ex(), now);
        }).toList();
        users.register(toRegister);
        return ApiResult.ok(Map.of());
    }

    @POST
    @Path("/get_users_info")
    public ApiResult usersInfo(@HeaderParam("token") String token, UsersInfoReq req) {
        caller.user(token);
        if (req == null || req.userIDs() == null) {
            throw ImException.args("userIDs is required");
        }
        return ApiResult.ok(Map.of("usersInfo", users.find(req.userIDs()).stream().map(UserInfo::of).toList()));
    }
}
