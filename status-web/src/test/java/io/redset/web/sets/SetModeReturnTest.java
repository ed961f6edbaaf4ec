package io.redset.web.sets;

import io.redset.engine.ClaimEngine;
import io.redset.engine.SetId;
import io.redset.engine.SetMode;
import io.redset.web.ApiClient;
import io.redset.web.ApiClient.Response;
import io.redset.web.RedSetBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;

import static io.redset.web.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SET switched out of NORMAL for a while goes back by itself, once, audited as the system; a
 * manual switch meanwhile cancels the return or wins over it. Time passes by moving the stored
 * return into the past, not by waiting.
 */
@RedSetBootTest
class SetModeReturnTest {

    static final SetId SET = SetId.of(1);
    static final String MODE = "/api/v1/admin/sets/01/mode";

    @LocalServerPort
    int port;

    @Autowired
    SetAdministration sets;

    @Autowired
    ClaimEngine engine;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;

    @BeforeEach
    void clients() {
        admin = new ApiClient(port).as("admin", RedSetBootTest.ADMIN_PASSWORD);
    }

    @AfterEach
    void normal() {
        admin.put(MODE, json("{'mode':'NORMAL','reason':'test over'}"));
    }

    void timePasses() {
        jdbc.sql("UPDATE admin.set_mode_return SET return_at = now() - interval '1 second'").update();
    }

    @Test
    void aTemporaryModeReturnsToNormalByItselfOnceAndIsAudited() {
        Instant before = Instant.now();
        Response r = admin.put(MODE, json("{'mode':'DEGRADED','reason':'load test','returnToNormalAfter':'PT1H'}"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        SetAdministration.ModeReturn pending = sets.pendingReturn(SET).orElseThrow();
        assertThat(pending.mode()).isEqualTo(SetMode.DEGRADED);
        assertThat(pending.setBy()).isEqualTo("admin");
        assertThat(pending.at()).isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(sets.returnDue()).as("not due yet").isZero();
        assertThat(engine.mode(SET)).isEqualTo(SetMode.DEGRADED);

        timePasses();
        assertThat(sets.returnDue()).isEqualTo(1);
        assertThat(engine.mode(SET)).isEqualTo(SetMode.NORMAL);
        assertThat(sets.returnDue()).as("once").isZero();
        assertThat(sets.pendingReturn(SET)).isEmpty();
        String audited = jdbc.sql("SELECT actor || ' ' || before_value || '>' || after_value FROM admin.audit_log "
                + "WHERE action = 'set.mode' AND target = 'SET 01' ORDER BY id DESC LIMIT 1").query(String.class).single();
        assertThat(audited).isEqualTo("system DEGRADED>NORMAL");
        assertThat(engine.set(SET).lastChange().reason()).startsWith("automatic return to NORMAL");
    }

    @Test
    void aManualSwitchCancelsThePendingReturnOrWinsOverIt() {
        admin.put(MODE, json("{'mode':'DEGRADED','reason':'load test','returnToNormalAfter':'PT1H'}"));
        admin.put(MODE, json("{'mode':'SEND_PAUSED','reason':'now pausing sends for good'}"));
        assertThat(sets.pendingReturn(SET)).as("a manual switch replaces the temporary mode").isEmpty();
        timePasses();
        assertThat(sets.returnDue()).isZero();
        assertThat(engine.mode(SET)).isEqualTo(SetMode.SEND_PAUSED);

        // a switch that did not go through the admin service (another node's, say) leaves the row; it still wins
        admin.put(MODE, json("{'mode':'DEGRADED','reason':'load test','returnToNormalAfter':'PT1H'}"));
        engine.setMode(SET, SetMode.OFFLINE, "emergency", "someone");
        timePasses();
        assertThat(sets.returnDue()).isZero();
        assertThat(engine.mode(SET)).isEqualTo(SetMode.OFFLINE);
    }

    @Test
    void badReturnsAreRefusedNamingTheFieldAndChangeNothing() {
        for (String body : new String[]{
                "{'mode':'DEGRADED','reason':'x','returnToNormalAfter':'PT0S'}",
                "{'mode':'DEGRADED','reason':'x','returnToNormalAfter':'P8D'}",
                "{'mode':'DEGRADED','reason':'x','returnToNormalAfter':'-PT1H'}",
                "{'mode':'NORMAL','reason':'x','returnToNormalAfter':'PT1H'}",
                "{'mode':'DEGRADED','reason':'x','returnToNormalAfter':'soon'}"}) {
            Response r = admin.put(MODE, json(body));
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().path("field").asString()).as(body).isEqualTo("returnToNormalAfter");
        }
        assertThat(engine.mode(SET)).isEqualTo(SetMode.NORMAL);
        assertThat(sets.pendingReturn(SET)).isEmpty();
    }
}
