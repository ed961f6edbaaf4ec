package io.redset.web.claims;

import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Set;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

@RedSetBootTest
class EnvelopeApiTest {

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port).service();
    }

    @Test
    void sendGrabClaimAndReadDetails() {
        Response sent = api.post("/api/v1/envelopes",
                json("{'senderId':'alice','totalFen':1000,'count':3,'mode':'LUCKY','greeting':'恭喜发财'}"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        JsonNode receipt = sent.json();
        String id = receipt.get("envelopeId").stringValue();
        assertThat(receipt.get("envelopeId").isString()).isTrue();
        assertThat(id).matches("\\d{18}");
        assertThat(receipt.get("set").stringValue()).matches("0[01]");
        assertThat(id.substring(6, 8)).isEqualTo(receipt.get("set").stringValue());
        assertThat(receipt.get("totalFen").longValue()).isEqualTo(1000);
        assertThat(receipt.get("count").intValue()).isEqualTo(3);
        assertThat(receipt.get("mode").stringValue()).isEqualTo("LUCKY");
        assertThat(receipt.get("expiresAt").stringValue()).endsWith("Z");
        assertThat(sent.header("Location")).isEqualTo("/api/v1/envelopes/" + id);

        Response grab = api.post("/api/v1/envelopes/" + id + "/grab", json("{'userId':'bob'}"));
        assertThat(grab.status()).as(grab.toString()).isEqualTo(200);
        assertThat(grab.json().get("canOpen").booleanValue()).isTrue();
        assertThat(grab.json().get("reason").isNull()).isTrue();

        long claimed = 0;
        Set<Integer> seqs = new HashSet<>();
        for (String user : new String[] {"bob", "carol", "dave"}) {
            Response claim = api.post("/api/v1/envelopes/" + id + "/claims", json("{'userId':'" + user + "'}"));
            assertThat(claim.status()).as(claim.toString()).isEqualTo(200);
            assertThat(claim.json().get("outcome").stringValue()).isEqualTo("CLAIMED");
            long amount = claim.json().get("amountFen").longValue();
            assertThat(amount).isPositive();
            claimed += amount;
            seqs.add(claim.json().get("seq").intValue());
        }
        assertThat(claimed).isEqualTo(1000);
        assertThat(seqs).containsExactlyInAnyOrder(1, 2, 3);

        Response again = api.post("/api/v1/envelopes/" + id + "/claims", json("{'userId':'bob'}"));
        assertThat(again.json().get("outcome").stringValue()).isEqualTo("ALREADY_CLAIMED");
        assertThat(again.json().get("amountFen").isNumber()).isTrue();

        Response late = api.post("/api/v1/envelopes/" + id + "/claims", json("{'userId':'erin'}"));
        assertThat(late.json().get("outcome").stringValue()).isEqualTo("SOLD_OUT");
        assertThat(late.json().get("amountFen").isNull()).isTrue();
        assertThat(late.json().get("seq").isNull()).isTrue();

        Response grabLate = api.post("/api/v1/envelopes/" + id + "/grab", json("{'userId':'erin'}"));
        assertThat(grabLate.json().get("canOpen").booleanValue()).isFalse();
        assertThat(grabLate.json().get("reason").stringValue()).isEqualTo("SOLD_OUT");

        Response details = api.get("/api/v1/envelopes/" + id);
        assertThat(details.status()).as(details.toString()).isEqualTo(200);
        JsonNode d = details.json();
        assertThat(d.get("envelopeId").stringValue()).isEqualTo(id);
        assertThat(d.get("senderId").stringValue()).isEqualTo("alice");
        assertThat(d.get("greeting").stringValue()).isEqualTo("恭喜发财");
        assertThat(d.get("totalFen").longValue()).isEqualTo(1000);
        assertThat(d.get("remainingFen").longValue()).isZero();
        assertThat(d.get("remainingCount").intValue()).isZero();
        assertThat(d.get("refundedFen").longValue()).isZero();
        assertThat(d.get("status").stringValue()).isEqualTo("SOLD_OUT");
        assertThat(d.get("claims")).hasSize(3);
        assertThat(d.get("claims").get(0).get("seq").intValue()).isEqualTo(1);
        assertThat(d.get("claims").get(0).get("claimedAt").stringValue()).endsWith("Z");
        assertThat(d.get("luckiestUserId").stringValue()).isIn("bob", "carol", "dave");
    }

    @Test
    void equalEnvelopeSplitsEvenly() {
        Response sent = api.post("/api/v1/envelopes",
                json("{'senderId':'frank','totalFen':300,'count':3,'mode':'EQUAL'}"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String id = sent.json().get("envelopeId").stringValue();
        Response claim = api.post("/api/v1/envelopes/" + id + "/claims", json("{'userId':'gina'}"));
        assertThat(claim.json().get("amountFen").longValue()).isEqualTo(100);
    }

    @Test
    void repeatedRequestIdReturnsTheFirstEnvelope() {
        String body = json("{'senderId':'henry','totalFen':500,'count':5,'mode':'LUCKY','requestId':'req-1'}");
        Response first = api.post("/api/v1/envelopes", body);
        Response second = api.post("/api/v1/envelopes", body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().get("envelopeId").stringValue()).isEqualTo(first.json().get("envelopeId").stringValue());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();

        Response conflict = api.post("/api/v1/envelopes",
                json("{'senderId':'henry','totalFen':600,'count':5,'mode':'LUCKY','requestId':'req-1'}"));
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.json().get("envelopeId").stringValue()).isEqualTo(first.json().get("envelopeId").stringValue());
    }

    @Test
    void unknownEnvelopeIsNotFound() {
        String id = today() + "000000099999";
        Response r = api.get("/api/v1/envelopes/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").stringValue()).isEqualTo("urn:redset:problem:envelope-not-found");
        Response claim = api.post("/api/v1/envelopes/" + id + "/claims", json("{'userId':'bob'}"));
        assertThat(claim.status()).as(claim.toString()).isEqualTo(404);
    }

    @Test
    void unknownApiPathAndWrongMethodAnswerProblems() {
        Response missing = api.get("/api/v1/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        Response method = api.get("/api/v1/envelopes");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.contentType()).startsWith("application/problem+json");
    }

    @Test
    void oversizedBodyIsRefused() {
        String body = json("{'senderId':'big','totalFen':100,'count':1,'mode':'LUCKY','greeting':'") + "x".repeat(20_000) + "\"}";
        Response r = api.post("/api/v1/envelopes", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("field").stringValue()).isEqualTo("body");
    }

    private static String today() {
        return java.time.LocalDate.now(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd"));
    }
}
