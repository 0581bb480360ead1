package dev.parley.runtime.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.runtime.auth.Jwt;
import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
import org.junit.jupiter.api.Test;

class JwtTest {
    private final Jwt jwt = new Jwt("secret-a");

    @Test
    void signedTokenVerifiesWithItsClaims() {
        String token = jwt.sign("u1", 5, 1000, 2000);
        Jwt.Claims claims = jwt.verify(token, 1500);
        assertEquals("u1", claims.userId());
        assertEquals(5, claims.platformId());
        assertEquals(2000, claims.expiresAtSeconds());
    }

    @Test
    void everyIssueIsADistinctToken() {
        assertNotEquals(jwt.sign("u1", 5, 1000, 2000), jwt.sign("u1", 5, 1000, 2000));
    }

    @Test
    void expiredForeignAndMalformedTokensGetTheirOwnCodes() {
        String token = jwt.sign("u1", 5, 1000, 2000);
        assertEquals(ErrCode.TOKEN_EXPIRED, code(() -> jwt.verify(token, 2001)));
        assertEquals(ErrCode.TOKEN_INVALID, code(() -> new Jwt("secret-b").verify(token, 1500)));
        assertEquals(ErrCode.TOKEN_MALFORMED, code(() -> jwt.verify("a.b", 1500)));
        assertEquals(ErrCode.TOKEN_NOT_EXIST, code(() -> jwt.verify("", 1500)));
        assertEquals(ErrCode.TOKEN_NOT_VALID_YET, code(() -> jwt.verify(token, 100)));
    }

    private static ErrCode code(Runnable r) {
        return assertThrows(ImException.class, r::run).errCode();
    }
}
