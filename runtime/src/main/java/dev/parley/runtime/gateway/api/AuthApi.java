package dev.parley.runtime.gateway.api;

import dev.parley.runtime.auth.TokenService;
import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
import dev.parley.runtime.store.mysql.UserStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import dev.parley.runtime.gateway.Kicker;
import dev.parley.runtime.store.redis.OnlineRegistry;

/** Token routes for the app server: admin token from the shared secret, user tokens from the admin token. */
@Path("/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthApi {
    private final TokenService tokens;
    private final Caller caller;
    private final UserStore users;
    private final ParleyConfig config;
    private final OnlineRegistry registry;
    private final Kicker kicker;

    public AuthApi(TokenService tokens, Caller caller, UserStore users, ParleyConfig config, OnlineRegistry registry, Kicker kicker) {
        this.tokens = tokens;
        this.caller = caller;
        this.users = users;
        this.config = config;
        this.registry = registry;
        this.kicker = kicker;
    }

    public record AdminTokenReq(String secret, String userID) {
    }

    public record UserTokenReq(String userID, Integer platformID) {
    }

    public record ForceLogoutReq(String userID, Integer platformID) {
    }

    @POST
    @Path("/get_admin_token")
    public ApiResult adminToken(AdminTokenReq req) {
        if (req == null || req.secret() == null || !MessageDigest.isEqual(
                req.secret().getBytes(StandardCharsets.UTF_8), config.auth().adminSecret().getBytes(StandardCharsets.UTF_8))) {
            throw ImException.noPermission("secret does not match parley.auth.admin-secret");
        }
        String adminId = req.userID() == null || req.userID().isEmpty() ? TokenService.ADMIN_USER : req.userID();
        TokenService.Issued issued = tokens.issue(adminId, TokenService.ADMIN_PLATFORM);
        return ApiResult.ok(Map.of("token", issued.token(), "expireTimeSeconds", issued.expireTimeSeconds()));
    }

    @POST
    @Path("/get_user_token")
    public ApiResult userToken(@HeaderParam("token") String token, UserTokenReq req) {
        caller.admin(token);
        if (req == null || req.userID() == null || req.userID().isEmpty() || req.platformID() == null) {
            throw ImException.args("userID and platformID are required");
        }
        if (req.platformID() < 1 || req.platformID() > 11) {
            throw ImException.args("platformID " + req.platformID() + " is not an OpenIM platform (1..11)");
        }
        if (!users.exists(req.userID())) {
            throw new ImException(ErrCode.USER_ID_NOT_FOUND, "user " + req.userID() + " is not registered: call /user/user_register first");
        }
        TokenService.Issued issued = tokens.issue(req.userID(), req.platformID());
        return ApiResult.ok(Map.of("token", issued.token(), "expireTimeSeconds", issued.expireTimeSeconds()));
    }

    /** Admin: logs a user out of one platform; its tokens stop working and its connections get frame 2002. */
    @POST
    @Path("/force_logout")
    public ApiResult forceLogout(@HeaderParam("token") String token, ForceLogoutReq req) {
        caller.admin(token);
        if (req == null || req.userID() == null || req.userID().isEmpty() || req.platformID() == null) {
            throw ImException.args("userID and platformID are required");
        }
        tokens.kickAll(req.userID(), req.platformID());
        List<OnlineRegistry.Session> sessions = registry.sessionsOf(List.of(req.userID())).getOrDefault(req.userID(), List.of())
                .stream().filter(s -> s.platformId() == req.platformID()).toList();
        kicker.kick(sessions, "logged out by the admin");
        return ApiResult.ok(Map.of());
    }
}
