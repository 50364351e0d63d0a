package cn.hpf.mobile.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hpf.mobile.auth.session.RevocationView;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The verified-token cache saves work only: it never accepts what the full verification would refuse. */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Inject
    VerifiedTokenCache cache;
    @Inject
    JWTAuthContextInfo context;
    @Inject
    SigningKeys keys;
    @Inject
    RevocationView revocations;

    @Test
    void aVerifiedTokenIsReusedUntilItExpiresThenVerifiedAgain() throws Exception {
        String token = Tokens.member(1, Tokens.issuer(), Instant.now().plusSeconds(2), Tokens.testSigningKey());
        JWTCallerPrincipal first = cache.parse(token, context);
        assertThat(cache.parse(token, context)).isSameAs(first);

        Thread.sleep(2_500); // past exp: the cached principal must not be served any more
        assertThat(cache.parse(token, context)).isNotSameAs(first);
    }

    @Test
    void aTokenInUseStaysCachedWhileNewTokensPushOutTheIdleOnes() throws Exception {
        VerifiedTokenCache small = new VerifiedTokenCache(keys, revocations, 4, Duration.ofMinutes(15));
        String[] tokens = new String[9];
        JWTCallerPrincipal[] first = new JWTCallerPrincipal[9];
        for (int i = 1; i <= 8; i++) {
            tokens[i] = Tokens.valid(i);
        }
        for (int i = 1; i <= 4; i++) {
            first[i] = small.parse(tokens[i], context); // the fourth fills the generation: 1-4 become "previous"
        }
        assertThat(small.parse(tokens[1], context)).isSameAs(first[1]); // found in "previous", moved to current
        for (int i = 5; i <= 8; i++) {
            first[i] = small.parse(tokens[i], context); // 1, 5, 6, 7 fill the next generation; 2-4 are dropped
        }
        assertThat(small.parse(tokens[1], context)).isSameAs(first[1]);
        assertThat(small.parse(tokens[8], context)).isSameAs(first[8]);
        assertThat(small.parse(tokens[2], context)).isNotSameAs(first[2]); // idle: verified again
    }

    @Test
    void aTamperedTokenIsRefusedEvenWhenTheGenuineOneIsCached() throws Exception {
        String token = Tokens.valid(2);
        cache.parse(token, context);
        String[] parts = token.split("\\.");
        String otherClaims = Tokens.valid(3).split("\\.")[1];
        String tampered = parts[0] + "." + otherClaims + "." + parts[2];
        assertThatThrownBy(() -> cache.parse(tampered, context)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.parse(tampered, context)).isInstanceOf(ParseException.class);
    }

    @Test
    void badTokensAreStill401ThroughTheApi() {
        String expired = Tokens.expired(1);
        for (int i = 0; i < 2; i++) {
            RestAssured.given().auth().oauth2(expired).get("/v1/me/account").then().statusCode(401);
        }
        Api.as(Api.RENTER).get("/v1/me/account").then().statusCode(200);
        Api.as(Api.RENTER).get("/v1/me/account").then().statusCode(200);
    }
}
