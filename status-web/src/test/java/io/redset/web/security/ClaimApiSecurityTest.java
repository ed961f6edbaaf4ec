package io.redset.web.security;

import com.nimbusds.jwt.JWTClaimsSet;
import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import io.redset.web.SetTables;
import io.redset.web.db.SetPools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim API's callers: anonymous calls, unknown and revoked keys, scopes and SETs of service
 * keys, users' JWTs acting for themselves only, and tokens that must be refused.
 */
@RedSetBootTest
class ClaimApiSecurityTest {

    static final String ENVELOPES = "/api/v1/envelopes";

    @LocalServerPort
    int port;

    @Autowired
    SetPools pools;

    ApiClient anonymous;
    ApiClient admin;
    ApiClient service;

    @BeforeEach
    void clients() {
        anonymous = new ApiClient(port);
        admin = anonymous.as("admin", RedSetBootTest.ADMIN_PASSWORD);
        service = anonymous.service();
    }

    private String send(ApiClient as, String sender, int count) {
        Response sent = as.post(ENVELOPES, json("{'senderId':'" + sender + "','totalFen':100,'count':" + count + ",'mode':'LUCKY'}"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.json().get("envelopeId").stringValue();
    }

    private String createKey(String scopes, String sets) {
        String name = "k-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = admin.post("/api/v1/admin/api-keys", json("{'name':'" + name + "','scopes':" + scopes
                + (sets == null ? "" : ",'sets':" + sets) + "}"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("secret").stringValue();
    }

    @Test
    void anonymousCallsAreRefusedWithABearerChallengeAndChangeNothing() {
        String id = send(service, "anon-check", 2);
        Map<String, Long> before = SetTables.counts(pools);
        Response[] answers = {
                anonymous.post(ENVELOPES, json("{'senderId':'mallory','totalFen':100,'count':1,'mode':'LUCKY'}")),
                anonymous.post(ENVELOPES + "/" + id + "/grab", json("{'userId':'mallory'}")),
                anonymous.post(ENVELOPES + "/" + id + "/claims", json("{'userId':'mallory'}")),
                anonymous.get(ENVELOPES + "/" + id),
                anonymous.as("admin", RedSetBootTest.ADMIN_PASSWORD).get(ENVELOPES + "/" + id),
        };
        for (Response r : answers) {
            assertThat(r.status()).as(r.toString()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(SetTables.counts(pools)).isEqualTo(before);
    }

    @Test
    void unknownAndRevokedKeysAreRefused() {
        Response unknown = anonymous.bearer("rsk_" + "x".repeat(43)).get(ENVELOPES + "/" + send(service, "unknown-key", 1));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.header("WWW-Authenticate")).contains("invalid_token");

        String secret = createKey("['send','claim','read']", null);
        ApiClient app = anonymous.bearer(secret);
        String id = send(app, "revocable", 1);
        Response listed = admin.get("/api/v1/admin/api-keys");
        assertThat(listed.body()).doesNotContain(secret).contains(secret.substring(0, 8) + "…");

        long keyId = -1;
        for (var k : listed.json()) {
            if (secret.startsWith(k.get("hint").stringValue().replace("…", ""))) {
                keyId = k.get("id").longValue();
            }
        }
        Response revoked = admin.delete("/api/v1/admin/api-keys/" + keyId);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().get("active").booleanValue()).isFalse();
        Response after = app.get(ENVELOPES + "/" + id);
        assertThat(after.status()).as("revocation takes effect at once on this node").isEqualTo(401);
    }

    @Test
    void aKeyMayDoOnlyWhatItsScopesSay() {
        String id = send(service, "scoped", 2);
        ApiClient reader = anonymous.bearer(createKey("['read']", null));
        assertThat(reader.get(ENVELOPES + "/" + id).status()).isEqualTo(200);
        Response send = reader.post(ENVELOPES, json("{'senderId':'x','totalFen':100,'count':1,'mode':'LUCKY'}"));
        assertThat(send.status()).isEqualTo(403);
        assertThat(send.json().get("detail").stringValue()).contains("send");
        assertThat(reader.post(ENVELOPES + "/" + id + "/claims", json("{'userId':'x'}")).status()).isEqualTo(403);
        assertThat(reader.post(ENVELOPES + "/" + id + "/grab", json("{'userId':'x'}")).status()).isEqualTo(403);

        ApiClient claimer = anonymous.bearer(createKey("['claim']", null));
        assertThat(claimer.post(ENVELOPES + "/" + id + "/claims", json("{'userId':'scoped-bob'}")).status()).isEqualTo(200);
        assertThat(claimer.get(ENVELOPES + "/" + id).status()).isEqualTo(403);
    }

    @Test
    void aKeyLimitedToSomeSetsUsesOnlyThose() {
        ApiClient set01 = anonymous.bearer(createKey("['send','claim','read']", "['01']"));
        for (int i = 0; i < 6; i++) {
            assertThat(send(set01, "sender-" + i, 1).substring(6, 8)).isEqualTo("01");
        }
        String elsewhere = null;
        for (int i = 0; elsewhere == null && i < 50; i++) {
            String id = send(service, "other-" + i, 1);
            if (id.substring(6, 8).equals("00")) {
                elsewhere = id;
            }
        }
        assertThat(elsewhere).isNotNull();
        assertThat(set01.post(ENVELOPES + "/" + elsewhere + "/claims", json("{'userId':'u'}")).status()).isEqualTo(403);
        assertThat(set01.get(ENVELOPES + "/" + elsewhere).status()).isEqualTo(403);
    }

    @Test
    void aUserTokenActsOnlyForItsSubjectAndReadsOnlyItsEnvelopes() {
        ApiClient alice = anonymous.bearer(JwtTokens.of("jwt-alice"));
        ApiClient bob = anonymous.bearer(JwtTokens.of("jwt-bob"));

        Response sent = alice.post(ENVELOPES, json("{'totalFen':100,'count':2,'mode':'EQUAL'}"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String id = sent.json().get("envelopeId").stringValue();
        assertThat(service.get(ENVELOPES + "/" + id).json().get("senderId").stringValue()).isEqualTo("jwt-alice");

        Response asSomeoneElse = alice.post(ENVELOPES, json("{'senderId':'jwt-carol','totalFen':100,'count':1,'mode':'LUCKY'}"));
        assertThat(asSomeoneElse.status()).isEqualTo(403);
        assertThat(asSomeoneElse.json().get("detail").stringValue()).contains("senderId");
        assertThat(bob.post(ENVELOPES + "/" + id + "/claims", json("{'userId':'jwt-alice'}")).status()).isEqualTo(403);

        assertThat(alice.get(ENVELOPES + "/" + id).status()).as("the sender reads").isEqualTo(200);
        assertThat(bob.get(ENVELOPES + "/" + id).status()).as("a stranger does not").isEqualTo(403);
        Response claim = bob.post(ENVELOPES + "/" + id + "/claims", json("{}"));
        assertThat(claim.status()).as(claim.toString()).isEqualTo(200);
        assertThat(claim.json().get("amountFen").longValue()).isEqualTo(50);
        assertThat(bob.get(ENVELOPES + "/" + id).status()).as("a claimer reads").isEqualTo(200);
        assertThat(bob.post(ENVELOPES + "/" + id + "/claims", json("{'userId':'jwt-bob'}")).json().get("outcome").stringValue())
                .isEqualTo("ALREADY_CLAIMED");
    }

    @Test
    void tokensThatMustNotPassAreRefused() {
        String id = send(service, "token-checks", 1);
        Instant now = Instant.now();
        Map<String, String> bad = Map.of(
                "bad signature", JwtTokens.sign(JwtTokens.claims("eve").build(), "another-secret-0123456789abcdefghijkl"),
                "expired", JwtTokens.sign(JwtTokens.claims("eve").issueTime(Date.from(now.minus(Duration.ofHours(2))))
                        .expirationTime(Date.from(now.minus(Duration.ofHours(1)))).build(), RedSetBootTest.JWT_SECRET),
                "wrong issuer", JwtTokens.sign(JwtTokens.claims("eve").issuer("https://evil.example").build(), RedSetBootTest.JWT_SECRET),
                "wrong audience", JwtTokens.sign(JwtTokens.claims("eve").audience("someone-else").build(), RedSetBootTest.JWT_SECRET),
                "no expiry", JwtTokens.sign(new JWTClaimsSet.Builder(JwtTokens.claims("eve").build()).expirationTime(null).build(),
                        RedSetBootTest.JWT_SECRET),
                "alg none", JwtTokens.unsigned(JwtTokens.claims("eve").build()),
                "no subject", JwtTokens.sign(new JWTClaimsSet.Builder(JwtTokens.claims("eve").build()).subject(null).build(),
                        RedSetBootTest.JWT_SECRET),
                "garbage with dots", "a.b.c");
        bad.forEach((what, token) -> {
            Response r = anonymous.bearer(token).post(ENVELOPES + "/" + id + "/claims", json("{'userId':'eve'}"));
            assertThat(r.status()).as(what + ": " + r).isEqualTo(401);
            assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        });
        assertThat(service.get(ENVELOPES + "/" + id).json().get("claims").size()).isZero();
    }

    @Test
    void credentialsOnPublicPathsAreIgnored() {
        for (String auth : new String[] {"Basic YWRtaW46d3Jvbmc=", "Bearer rsk_nonsense", "Bearer a.b.c", "Digest x"}) {
            ApiClient client = anonymous.authorization(auth);
            assertThat(client.get("/api/v2/summary.json").status()).as(auth).isEqualTo(200);
            assertThat(client.get("/api/v1/health/components").status()).as(auth).isEqualTo(200);
        }
    }
}
