package io.redset.web.security;

import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, built from the application's own list of MVC mappings: every endpoint must
 * have a rule here (a new endpoint without one fails the test), and every kind of caller is tried
 * on every endpoint. Allowed means the answer is not 401 or 403 (bad sample input may still be
 * 400 or 404); denied means 401 or 403. Also checks that the OpenAPI document lists every
 * {@code /api/v1} endpoint with its security.
 */
@RedSetBootTest
class RoleMatrixTest {

    enum Rule { PUBLIC, VIEWER, ONCALL, ADMIN, SEND, CLAIM, READ }

    enum Caller { ANONYMOUS, VIEWER, ONCALL, ADMIN, KEY_SEND, KEY_CLAIM, KEY_READ, JWT_OWNER, JWT_OTHER }

    static final String OWNER = "matrix-owner";

    /** Rules by method and path pattern, first match wins. */
    static final List<Map.Entry<Pattern, Rule>> RULES = List.of(
            rule("POST /api/v1/envelopes", Rule.SEND),
            rule("POST /api/v1/envelopes/\\{id}/(grab|claims)", Rule.CLAIM),
            rule("GET /api/v1/envelopes/\\{id}", Rule.READ),
            rule("\\w+ /api/v1/admin/.*", Rule.ADMIN),
            rule("\\w+ /api/v1/oncall/.*", Rule.ONCALL),
            rule("\\w+ /api/v1/me(/.*)?", Rule.VIEWER),
            rule("POST /api/v1/alerts/alertmanager", Rule.ONCALL),
            rule("GET /api/v1/health/components", Rule.PUBLIC),
            rule("\\w+ /api/v1/status/subscriptions(/.*)?", Rule.PUBLIC),
            rule("GET /api/v2/.*", Rule.PUBLIC),
            rule("GET /history\\.(atom|rss)", Rule.PUBLIC),
            rule("GET /badge/.*", Rule.PUBLIC),
            rule("GET /v3/api-docs.*", Rule.PUBLIC),
            rule("\\w+ /error", Rule.PUBLIC));

    private static Map.Entry<Pattern, Rule> rule(String regex, Rule rule) {
        return Map.entry(Pattern.compile(regex), rule);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    io.redset.web.security.ConsoleUsers users;

    @Autowired
    ApiKeys keys;

    record Endpoint(String method, String pattern, HandlerMethod handler) {
        String key() {
            return method + " " + pattern;
        }
    }

    List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            for (String pattern : e.getKey().getPatternValues()) {
                for (RequestMethod m : methods.isEmpty() ? EnumSet.of(RequestMethod.GET) : methods) {
                    out.add(new Endpoint(m.name(), pattern, e.getValue()));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Endpoint::key));
        return out;
    }

    static Rule ruleOf(Endpoint e) {
        String key = e.key().replaceAll("\\{(\\w+):[^}]*}", "{$1}");
        for (Map.Entry<Pattern, Rule> r : RULES) {
            if (r.getKey().matcher(key).matches()) {
                return r.getValue();
            }
        }
        return null;
    }

    static boolean allowed(Rule rule, Caller caller, String method) {
        return switch (rule) {
            case PUBLIC -> true;
            case VIEWER -> EnumSet.of(Caller.VIEWER, Caller.ONCALL, Caller.ADMIN).contains(caller);
            case ONCALL -> EnumSet.of(Caller.ONCALL, Caller.ADMIN).contains(caller);
            case ADMIN -> caller == Caller.ADMIN;
            case SEND -> caller == Caller.KEY_SEND || caller == Caller.JWT_OWNER;
            case CLAIM -> caller == Caller.KEY_CLAIM || caller == Caller.JWT_OWNER;
            case READ -> caller == Caller.KEY_READ || caller == Caller.JWT_OWNER;
        };
    }

    @Test
    void everyEndpointHasARuleAndEveryCallerIsTreatedByIt() {
        List<String> withoutRule = endpoints().stream().filter(e -> ruleOf(e) == null).map(Endpoint::key).toList();
        assertThat(withoutRule).as("endpoints without a rule in RoleMatrixTest.RULES").isEmpty();

        users.create("matrix-viewer", "matrix-viewer-pw", ConsoleRole.VIEWER);
        users.create("matrix-oncall", "matrix-oncall-pw", ConsoleRole.ONCALL);
        ApiClient anonymous = new ApiClient(port);
        Map<Caller, ApiClient> clients = new LinkedHashMap<>();
        clients.put(Caller.ANONYMOUS, anonymous);
        clients.put(Caller.VIEWER, anonymous.as("matrix-viewer", "matrix-viewer-pw"));
        clients.put(Caller.ONCALL, anonymous.as("matrix-oncall", "matrix-oncall-pw"));
        clients.put(Caller.ADMIN, anonymous.as("admin", RedSetBootTest.ADMIN_PASSWORD));
        clients.put(Caller.KEY_SEND, anonymous.bearer(keys.create("matrix-send", EnumSet.of(ApiScope.SEND), null, "test").secret()));
        clients.put(Caller.KEY_CLAIM, anonymous.bearer(keys.create("matrix-claim", EnumSet.of(ApiScope.CLAIM), null, "test").secret()));
        clients.put(Caller.KEY_READ, anonymous.bearer(keys.create("matrix-read", EnumSet.of(ApiScope.READ), null, "test").secret()));
        clients.put(Caller.JWT_OWNER, anonymous.bearer(JwtTokens.of(OWNER)));
        clients.put(Caller.JWT_OTHER, anonymous.bearer(JwtTokens.of("matrix-stranger")));

        Response sent = anonymous.service().post("/api/v1/envelopes",
                json("{'senderId':'" + OWNER + "','totalFen':10000,'count':100,'mode':'LUCKY'}"));
        String envelopeId = sent.json().get("envelopeId").stringValue();

        List<String> wrong = new ArrayList<>();
        Set<String> tried = new TreeSet<>();
        for (Endpoint e : endpoints()) {
            Rule rule = ruleOf(e);
            String path = e.pattern()
                    .replace("/api/v1/envelopes/{id}", "/api/v1/envelopes/" + envelopeId)
                    .replaceAll("\\{action:[^}]*}", "enable")
                    .replace("{set}", "00")
                    .replace("{name}", "matrix-no-such-rule")
                    .replaceAll("\\{\\w+}", "999999");
            String body = e.pattern().startsWith("/api/v1/envelopes")
                    ? json("{'senderId':'" + OWNER + "','userId':'" + OWNER + "','totalFen':10,'count':1,'mode':'LUCKY'}")
                    : "{}";
            boolean hasBody = !e.method().equals("GET") && !e.method().equals("DELETE");
            for (Map.Entry<Caller, ApiClient> c : clients.entrySet()) {
                Response r = c.getValue().request(e.method(), path, hasBody ? ApiClient.JSON : null, hasBody ? body : null);
                boolean denied = r.status() == 401 || r.status() == 403;
                boolean expected = allowed(rule, c.getKey(), e.method());
                if (denied == expected || r.status() == 429) {
                    wrong.add(e.key() + " as " + c.getKey() + ": " + r.status() + " (rule " + rule + ")");
                }
            }
            tried.add(e.key());
        }
        assertThat(wrong).as("answers against the rules").isEmpty();
        assertThat(tried).contains("POST /api/v1/envelopes", "GET /api/v1/admin/sets", "POST /api/v1/oncall/silences");
    }

    @Test
    void theOpenApiDocumentListsEveryApiV1EndpointWithItsSecurity() {
        JsonNode doc = new ApiClient(port).get("/v3/api-docs").json();
        assertThat(doc.get("openapi").stringValue()).startsWith("3.");
        assertThat(doc.get("components").get("securitySchemes").has("bearer")).isTrue();
        assertThat(doc.get("components").get("securitySchemes").has("basic")).isTrue();
        List<String> missing = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (!e.pattern().startsWith("/api/v1/")) {
                continue;
            }
            String path = e.pattern().replaceAll("\\{(\\w+):[^}]*}", "{$1}");
            JsonNode item = doc.get("paths").get(path);
            if (item == null || item.get(e.method().toLowerCase()) == null) {
                missing.add(e.key());
                continue;
            }
            Rule rule = ruleOf(e);
            JsonNode security = item.get(e.method().toLowerCase()).get("security");
            String scheme = security == null || security.isEmpty() ? null : security.get(0).propertyNames().iterator().next();
            String expected = switch (rule) {
                case SEND, CLAIM, READ -> "bearer";
                case VIEWER, ONCALL, ADMIN -> "basic";
                case PUBLIC -> null;
            };
            if (!java.util.Objects.equals(scheme, expected)) {
                missing.add(e.key() + " with security " + scheme + ", expected " + expected);
            }
        }
        assertThat(missing).as("endpoints missing from /v3/api-docs or with the wrong security").isEmpty();
    }
}
