package dev.parley.runtime.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 JSON Web Tokens with OpenIM's claims (UserID, PlatformID, exp, nbf, iat). Pure: no I/O. */
public final class Jwt {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = b64(("{\"alg\":\"HS256\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));

    private final byte[] key;

    public Jwt(String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    public record Claims(String userId, int platformId, long expiresAtSeconds) {
    }

    public String sign(String userId, int platformId, long issuedAtSeconds, long expiresAtSeconds) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("UserID", userId);
        claims.put("PlatformID", platformId);
        claims.put("exp", expiresAtSeconds);
        claims.put("nbf", issuedAtSeconds - 300);
        claims.put("iat", issuedAtSeconds);
        // Each issue is a distinct token, so a second login on a platform can be told from the first.
        claims.put("jti", java.util.UUID.randomUUID().toString());
        try {
            String signingInput = HEADER + "." + b64(JSON.writeValueAsBytes(claims));
            return signingInput + "." + b64(hmac(signingInput));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }

    /** Verifies signature and time claims; every failure maps to OpenIM's 150x token codes. */
    public Claims verify(String token, long nowSeconds) {
        if (token == null || token.isEmpty()) {
            throw new ImException(ErrCode.TOKEN_NOT_EXIST, "token is missing: get one from /auth/get_user_token");
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new ImException(ErrCode.TOKEN_MALFORMED, "token is not a JWT (expected three dot-separated parts)");
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (Exception e) {
            throw new ImException(ErrCode.TOKEN_MALFORMED, "token claims are not base64url JSON");
        }
        byte[] expected = hmac(parts[0] + "." + parts[1]);
        byte[] actual;
        try {
            actual = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new ImException(ErrCode.TOKEN_MALFORMED, "token signature is not base64url");
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new ImException(ErrCode.TOKEN_INVALID, "token signature does not match: it was not issued by this server");
        }
        long exp = claims.path("exp").asLong(0);
        if (exp != 0 && exp < nowSeconds) {
            throw new ImException(ErrCode.TOKEN_EXPIRED, "token expired: get a new one from /auth/get_user_token");
        }
        long nbf = claims.path("nbf").asLong(0);
        if (nbf > nowSeconds) {
            throw new ImException(ErrCode.TOKEN_NOT_VALID_YET, "token is not valid yet");
        }
        String userId = claims.path("UserID").asText("");
        if (userId.isEmpty() || !claims.path("PlatformID").canConvertToInt()) {
            throw new ImException(ErrCode.TOKEN_UNKNOWN, "token lacks the UserID or PlatformID claim");
        }
        return new Claims(userId, claims.path("PlatformID").asInt(), exp);
    }

    private byte[] hmac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
