package io.redset.web.users;

import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Console users managed over the API: what admins may do, what users do for themselves, and the audit of each. */
@RedSetBootTest
class UsersApiTest {

    static final String USERS = "/api/v1/admin/users";
    static final String ONCALL_ONLY = "/api/v1/oncall/alerts";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient anonymous;
    ApiClient admin;

    @BeforeEach
    void clients() {
        anonymous = new ApiClient(port);
        admin = anonymous.as("admin", RedSetBootTest.ADMIN_PASSWORD);
    }

    List<String> auditActions(String target) {
        return jdbc.sql("SELECT action FROM admin.audit_log WHERE target = ? ORDER BY id").param(target)
                .query(String.class).list();
    }

    @Test
    void anAdminCreatesAnOnCallUserWhoseGeneratedPasswordIsShownOnceAndWorks() {
        Response created = admin.post(USERS, json("{'username':'u-carol','role':'ONCALL','reason':'joins the rota'}"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(USERS + "/u-carol");
        String password = created.json().path("password").asString();
        assertThat(password).hasSize(24);
        assertThat(created.json().path("user").path("role").asString()).isEqualTo("ONCALL");
        assertThat(created.json().path("user").has("passwordHash")).isFalse();

        ApiClient carol = anonymous.as("u-carol", password);
        assertThat(carol.get(ONCALL_ONLY).status()).isEqualTo(200);
        assertThat(carol.get(USERS).status()).as("ONCALL is not ADMIN").isEqualTo(403);
        assertThat(carol.get("/api/v1/me").json().path("role").asString()).isEqualTo("ONCALL");

        Response listed = admin.get(USERS);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains("u-carol").doesNotContain(password).doesNotContain("bcrypt");
        assertThat(admin.get(USERS + "/u-carol").json().path("enabled").asBoolean()).isTrue();

        Response taken = admin.post(USERS, json("{'username':'u-carol','role':'VIEWER','password':'another-password'}"));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.json().path("field").asString()).isEqualTo("username");
        assertThat(auditActions("u-carol")).containsExactly("user.create");
    }

    @Test
    void roleChangesAndDisablingTakeEffectOnTheNextRequest() {
        admin.post(USERS, json("{'username':'u-dave','role':'ONCALL','password':'dave-password-1'}"));
        ApiClient dave = anonymous.as("u-dave", "dave-password-1");
        assertThat(dave.get(ONCALL_ONLY).status()).isEqualTo(200);

        Response demoted = admin.request("PATCH", USERS + "/u-dave", ApiClient.JSON,
                json("{'role':'VIEWER','reason':'left the rota'}"));
        assertThat(demoted.status()).isEqualTo(200);
        assertThat(demoted.json().path("role").asString()).isEqualTo("VIEWER");
        assertThat(dave.get(ONCALL_ONLY).status()).isEqualTo(403);
        assertThat(dave.get("/api/v1/me").status()).as("a VIEWER still reads who they are").isEqualTo(200);

        assertThat(admin.request("PATCH", USERS + "/u-dave", ApiClient.JSON, json("{'enabled':false}")).status()).isEqualTo(200);
        assertThat(dave.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(admin.request("PATCH", USERS + "/u-dave", ApiClient.JSON, json("{'enabled':true}")).status()).isEqualTo(200);
        assertThat(dave.get("/api/v1/me").status()).isEqualTo(200);

        assertThat(auditActions("u-dave")).containsExactly("user.create", "user.role", "user.disable", "user.enable");
        String reason = jdbc.sql("SELECT reason FROM admin.audit_log WHERE target = 'u-dave' AND action = 'user.role'")
                .query(String.class).single();
        assertThat(reason).isEqualTo("left the rota");
        List<String> values = jdbc.sql("SELECT coalesce(before_value, '') || '>' || coalesce(after_value, '') "
                + "FROM admin.audit_log WHERE target = 'u-dave' ORDER BY id").query(String.class).list();
        assertThat(values).containsExactly(">ONCALL, enabled", "ONCALL>VIEWER", "enabled>disabled", "disabled>enabled");
    }

    @Test
    void theLastEnabledAdminCannotBeDemotedOrDisabledAndNothingChanges() {
        Response demote = admin.request("PATCH", USERS + "/admin", ApiClient.JSON, json("{'role':'ONCALL'}"));
        assertThat(demote.status()).isEqualTo(400);
        assertThat(demote.json().path("field").asString()).isEqualTo("role");
        assertThat(demote.json().path("detail").asString()).contains("no enabled ADMIN");
        Response selfDisable = admin.request("PATCH", USERS + "/admin", ApiClient.JSON, json("{'enabled':false}"));
        assertThat(selfDisable.status()).isEqualTo(400);
        assertThat(admin.get(USERS + "/admin").json().path("role").asString()).isEqualTo("ADMIN");
        assertThat(admin.get(USERS).status()).isEqualTo(200);
        assertThat(auditActions("admin")).doesNotContain("user.role", "user.disable");
    }

    @Test
    void aResetReplacesThePasswordAndUsersChangeTheirOwnWithTheCurrentOne() {
        admin.post(USERS, json("{'username':'u-erin','role':'VIEWER','password':'erin-password-1'}"));
        Response reset = admin.post(USERS + "/u-erin/password", json("{'reason':'forgot it'}"));
        assertThat(reset.status()).isEqualTo(200);
        String generated = reset.json().path("password").asString();
        assertThat(generated).hasSize(24);
        assertThat(anonymous.as("u-erin", "erin-password-1").get("/api/v1/me").status()).isEqualTo(401);
        ApiClient erin = anonymous.as("u-erin", generated);
        assertThat(erin.get("/api/v1/me").status()).isEqualTo(200);

        Response wrongCurrent = erin.put("/api/v1/me/password", json("{'currentPassword':'nope','newPassword':'erin-password-2'}"));
        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.json().path("field").asString()).isEqualTo("currentPassword");
        Response tooShort = erin.put("/api/v1/me/password", json("{'currentPassword':'" + generated + "','newPassword':'short'}"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().path("field").asString()).isEqualTo("newPassword");
        assertThat(erin.get("/api/v1/me").status()).as("nothing changed").isEqualTo(200);

        Response changed = erin.put("/api/v1/me/password", json("{'currentPassword':'" + generated + "','newPassword':'erin-password-2'}"));
        assertThat(changed.status()).isEqualTo(204);
        assertThat(erin.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.as("u-erin", "erin-password-2").get("/api/v1/me").status()).isEqualTo(200);

        assertThat(auditActions("u-erin")).containsExactly("user.create", "user.password-reset", "user.password-change");
        List<String> texts = jdbc.sql("SELECT concat_ws('|', before_value, after_value, reason) FROM admin.audit_log "
                + "WHERE target = 'u-erin'").query(String.class).list();
        assertThat(String.join(" ", texts)).doesNotContain(generated, "erin-password-1", "erin-password-2");
    }

    @Test
    void badBodiesAreRefusedNamingTheFieldAndStoreNothing() {
        record Case(String body, String field) {
        }
        for (Case c : List.of(
                new Case("{'username':'u-bad1','role':'ROOT'}", "role"),
                new Case("{'username':'bad name!','role':'VIEWER'}", "username"),
                new Case("{'username':'u-bad2','role':'VIEWER','password':'short'}", "password"),
                new Case("{'username':'u-bad3','role':'VIEWER','admin':true}", "admin"),
                new Case("{'username':'u-bad4','role':'VIEWER','reason':'line\\nbreak'}", "reason"))) {
            Response r = admin.post(USERS, json(c.body()));
            assertThat(r.status()).as(c.body()).isEqualTo(400);
            JsonNode problem = r.json();
            assertThat(problem.path("field").asString()).as(c.body()).isEqualTo(c.field());
        }
        assertThat(jdbc.sql("SELECT count(*) FROM admin.users WHERE username LIKE 'u-bad%'").query(Long.class).single()).isZero();
        assertThat(admin.request("PATCH", USERS + "/nobody-here", ApiClient.JSON, json("{'role':'VIEWER'}")).status()).isEqualTo(404);
        assertThat(admin.request("PATCH", USERS + "/admin", ApiClient.JSON, json("{}")).status()).isEqualTo(400);
    }
}
