package dev.parley.runtime.gateway.api;

import dev.parley.runtime.auth.Jwt;
import dev.parley.runtime.auth.TokenService;
import dev.parley.runtime.protocol.ImException;
import jakarta.enterprise.context.ApplicationScoped;

/** Who is calling an API route, from its {@code token} header. */
@ApplicationScoped
public class Caller {
    private final TokenService tokens;

    public Caller(TokenService tokens) {
        this.tokens = tokens;
    }

    public Jwt.Claims user(String token) {
        return tokens.check(token);
    }

    public Jwt.Claims admin(String token) {
        return tokens.checkAdmin(token);
    }

    /** The caller itself, or anyone when the caller is the admin. */
    public Jwt.Claims selfOrAdmin(String token, String userId) {
        Jwt.Claims claims = tokens.check(token);
        if (claims.platformId() != TokenService.ADMIN_PLATFORM && userId != null && !userId.isEmpty() && !claims.userId().equals(userId)) {
            throw ImException.noPermission("the token of " + claims.userId() + " cannot act for " + userId);
        }
        return claims;
    }
}
