package dev.parley.runtime.gateway;

import dev.parley.runtime.auth.Jwt;
import dev.parley.runtime.auth.TokenService;
import dev.parley.runtime.config.ParleyConfig;
import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
import dev.parley.runtime.store.redis.OnlineRegistry;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Admits a WebSocket connection: the query's sendID, platformID and token must agree with a valid
 * token; then the session is registered and, under the multi-login policy, older logins of the same
 * user and platform with another token are kicked.
 */
@ApplicationScoped
public class Handshake {
    /** OpenIM policy 1: a new login on the same platform kicks the old one unless it uses the same token. */
    static final int KICK_SAME_PLATFORM = 1;

    private final TokenService tokens;
    private final LocalSessions sessions;
    private final OnlineRegistry registry;
    private final Kicker kicker;
    private final ParleyConfig config;

    public Handshake(TokenService tokens, LocalSessions sessions, OnlineRegistry registry, Kicker kicker, ParleyConfig config) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.registry = registry;
        this.kicker = kicker;
        this.config = config;
    }

    public LocalSessions.Session admit(WebSocketConnection connection) {
        Map<String, String> query = query(connection.handshakeRequest().query());
        String userId = query.getOrDefault("sendID", "");
        String token = query.getOrDefault("token", "");
        String platform = query.getOrDefault("platformID", "");
        if (userId.isEmpty() || platform.isEmpty()) {
            throw new ImException(ErrCode.CONN_ARGS, "the WebSocket URL needs sendID, token and platformID query parameters");
        }
        int platformId;
        try {
            platformId = Integer.parseInt(platform);
        } catch (NumberFormatException e) {
            throw new ImException(ErrCode.CONN_ARGS, "platformID must be a number, got " + platform);
        }
        Jwt.Claims claims = tokens.check(token);
        if (!claims.userId().equals(userId) || claims.platformId() != platformId) {
            throw new ImException(ErrCode.TOKEN_INVALID, "token belongs to user " + claims.userId() + " on platform "
                    + claims.platformId() + ", not to sendID " + userId + " on platform " + platformId);
        }
        if (config.auth().multiLoginPolicy() == KICK_SAME_PLATFORM) {
            kickOlderLogins(userId, platformId, token);
        }
        LocalSessions.Session session = new LocalSessions.Session(userId, platformId, token, connection);
        sessions.add(session);
        return session;
    }

    private void kickOlderLogins(String userId, int platformId, String token) {
        List<OnlineRegistry.Session> older = new ArrayList<>();
        for (OnlineRegistry.Session s : registry.sessionsOf(List.of(userId)).getOrDefault(userId, List.of())) {
            if (s.platformId() == platformId && !s.token().equals(token)) {
                older.add(s);
            }
        }
        if (!older.isEmpty()) {
            tokens.kick(userId, platformId, older.stream().map(OnlineRegistry.Session::token).distinct().toList());
            kicker.kick(older, "a newer login of " + userId + " on platform " + platformId);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
