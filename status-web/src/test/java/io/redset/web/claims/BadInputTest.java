package io.redset.web.claims;

import io.redset.engine.EnvelopeId;
import io.redset.engine.SetId;
import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import io.redset.web.SetTables;
import io.redset.web.db.SetPools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input answers with the right status and an RFC 9457 problem naming the field,
 * and writes nothing: the row counts of the SET databases' money tables stay the same.
 */
@RedSetBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final String SENDS = "/api/v1/envelopes";
    private static final String LONG_ID = "u".repeat(65);

    @LocalServerPort
    int port;

    @Autowired
    SetPools pools;

    ApiClient api;
    String envelopeId;

    /** A request, and what must come back. field null: no field member expected (415). */
    record Case(String name, String method, String path, String contentType, String body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void sendOneGoodEnvelope() {
        api = new ApiClient(port).service();
        Response sent = api.post(SENDS, json("{'senderId':'bad-input-owner','totalFen':100,'count':2,'mode':'LUCKY'}"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        envelopeId = sent.json().get("envelopeId").stringValue();
    }

    List<Case> cases() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String missingSet = EnvelopeId.of(LocalDate.now(ZoneOffset.UTC), SetId.of(7), 1).toString();
        String future = EnvelopeId.of(LocalDate.now(ZoneOffset.UTC).plusDays(2), SetId.of(0), 1).toString();
        String claims = "/api/v1/envelopes/" + envelopeId + "/claims";
        String grab = "/api/v1/envelopes/" + envelopeId + "/grab";
        List<Case> c = new ArrayList<>();

        // send: numbers
        c.add(send("negative totalFen", "{'senderId':'s','totalFen':-1,'count':1,'mode':'LUCKY'}", "totalFen"));
        c.add(send("zero totalFen", "{'senderId':'s','totalFen':0,'count':1,'mode':'LUCKY'}", "totalFen"));
        c.add(send("totalFen above the maximum", "{'senderId':'s','totalFen':20001,'count':1,'mode':'LUCKY'}", "totalFen"));
        c.add(send("totalFen overflowing a long", "{'senderId':'s','totalFen':9223372036854775808,'count':1,'mode':'LUCKY'}", "totalFen"));
        c.add(send("fractional totalFen", "{'senderId':'s','totalFen':100.5,'count':1,'mode':'LUCKY'}", "totalFen"));
        c.add(send("totalFen as a string", "{'senderId':'s','totalFen':'100','count':1,'mode':'LUCKY'}", "totalFen"));
        c.add(send("totalFen missing", "{'senderId':'s','count':1,'mode':'LUCKY'}", "totalFen"));
        c.add(send("count zero", "{'senderId':'s','totalFen':100,'count':0,'mode':'LUCKY'}", "count"));
        c.add(send("count above the limit", "{'senderId':'s','totalFen':1000,'count':101,'mode':'LUCKY'}", "count"));
        c.add(send("count overflowing an int", "{'senderId':'s','totalFen':1000,'count':3000000000,'mode':'LUCKY'}", "count"));
        c.add(send("fractional count", "{'senderId':'s','totalFen':1000,'count':2.5,'mode':'LUCKY'}", "count"));
        c.add(send("totalFen below count", "{'senderId':'s','totalFen':5,'count':10,'mode':'LUCKY'}", "totalFen"));
        c.add(send("EQUAL not divisible", "{'senderId':'s','totalFen':100,'count':3,'mode':'EQUAL'}", "totalFen"));
        // send: strings and enums
        c.add(send("unknown mode", "{'senderId':'s','totalFen':100,'count':1,'mode':'RANDOM'}", "mode"));
        c.add(send("mode missing", "{'senderId':'s','totalFen':100,'count':1}", "mode"));
        c.add(send("senderId missing", "{'totalFen':100,'count':1,'mode':'LUCKY'}", "senderId"));
        c.add(send("senderId null", "{'senderId':null,'totalFen':100,'count':1,'mode':'LUCKY'}", "senderId"));
        c.add(send("senderId blank", "{'senderId':'  ','totalFen':100,'count':1,'mode':'LUCKY'}", "senderId"));
        c.add(send("senderId a number", "{'senderId':42,'totalFen':100,'count':1,'mode':'LUCKY'}", "senderId"));
        c.add(send("senderId too long", "{'senderId':'" + LONG_ID + "','totalFen':100,'count':1,'mode':'LUCKY'}", "senderId"));
        c.add(send("greeting too long", "{'senderId':'s','totalFen':100,'count':1,'mode':'LUCKY','greeting':'"
                + "g".repeat(101) + "'}", "greeting"));
        c.add(send("requestId with a control character",
                "{'senderId':'s','totalFen':100,'count':1,'mode':'LUCKY','requestId':'r\\u0007'}", "requestId"));
        // send: the body itself
        c.add(send("malformed JSON", "{'senderId':", "body"));
        c.add(send("trailing content", "{'senderId':'s','totalFen':100,'count':1,'mode':'LUCKY'} x", "body"));
        c.add(send("duplicate key", "{'senderId':'s','totalFen':1,'totalFen':100,'count':1,'mode':'LUCKY'}", "body"));
        c.add(send("not an object", "[1,2,3]", "body"));
        c.add(send("JSON null", "null", "body"));
        c.add(new Case("missing body", "POST", SENDS, ApiClient.JSON, null, 400, "body"));
        c.add(new Case("wrong content type", "POST", SENDS, "text/plain",
                json("{'senderId':'s','totalFen':100,'count':1,'mode':'LUCKY'}"), 415, null));
        c.add(new Case("form content type", "POST", SENDS, "application/x-www-form-urlencoded",
                "senderId=s&totalFen=100&count=1&mode=LUCKY", 415, null));

        // grab and claim: userId
        for (String path : List.of(grab, claims)) {
            String op = path.endsWith("grab") ? "grab: " : "claim: ";
            c.add(new Case(op + "blank userId", "POST", path, ApiClient.JSON, json("{'userId':'   '}"), 400, "userId"));
            c.add(new Case(op + "65-character userId", "POST", path, ApiClient.JSON, json("{'userId':'" + LONG_ID + "'}"), 400, "userId"));
            c.add(new Case(op + "control character in userId", "POST", path, ApiClient.JSON, json("{'userId':'bob\\u0001'}"), 400, "userId"));
            c.add(new Case(op + "userId missing", "POST", path, ApiClient.JSON, "{}", 400, "userId"));
            c.add(new Case(op + "userId a number", "POST", path, ApiClient.JSON, json("{'userId':7}"), 400, "userId"));
            c.add(new Case(op + "malformed JSON", "POST", path, ApiClient.JSON, "{\"userId\"", 400, "body"));
            c.add(new Case(op + "missing body", "POST", path, ApiClient.JSON, null, 400, "body"));
            c.add(new Case(op + "wrong content type", "POST", path, "text/plain", "userId=bob", 415, null));
        }

        // envelope ids in the path
        for (String id : List.of("abc", "12345", "2611210300000000421", "261131000000000001", "-26112100000000001",
                missingSet, future)) {
            c.add(new Case("claim with id " + id, "POST", "/api/v1/envelopes/" + id + "/claims", ApiClient.JSON,
                    json("{'userId':'bob'}"), 400, "envelopeId"));
            c.add(new Case("details of id " + id, "GET", "/api/v1/envelopes/" + id, null, null, 400, "envelopeId"));
        }
        c.add(new Case("grab with a SET that does not exist (" + today + ", SET 07)", "POST",
                "/api/v1/envelopes/" + missingSet + "/grab", ApiClient.JSON, json("{'userId':'bob'}"), 400, "envelopeId"));
        return c;
    }

    private static Case send(String name, String body, String field) {
        return new Case("send: " + name, "POST", SENDS, ApiClient.JSON, json(body), 400, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAProblemAndWritesNothing(Case c) {
        Map<String, Long> before = SetTables.counts(pools);

        Response r = "GET".equals(c.method()) ? api.get(c.path()) : api.post(c.path(), c.contentType(), c.body());

        assertThat(r.status()).as(r.toString()).isEqualTo(c.status());
        assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.get("status").intValue()).isEqualTo(c.status());
        for (String member : new String[] {"type", "title", "detail"}) {
            assertThat(problem.get(member)).as(member + " in " + r).isNotNull();
            assertThat(problem.get(member).stringValue()).as(member + " in " + r).isNotBlank();
        }
        if (c.field() != null) {
            assertThat(problem.get("field")).as(r.toString()).isNotNull();
            assertThat(problem.get("field").stringValue()).isEqualTo(c.field());
            assertThat(problem.get("type").stringValue()).isEqualTo("urn:redset:problem:invalid-input");
        }
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.redset");
        assertThat(SetTables.counts(pools)).as("rows after " + c.name()).isEqualTo(before);
    }
}
