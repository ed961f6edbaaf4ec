package io.redset.engine;

import com.zaxxer.hikari.HikariDataSource;
import io.redset.engine.testing.EmbeddedPostgresServer;
import io.redset.engine.testing.MoneyInvariants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Each SET on its own PostgreSQL server; one server is stopped mid-test. That SET fails fast, the
 * other keeps serving, and the stopped one recovers by itself once its server is back.
 */
class SetOutageTest {

    @TempDir
    Path dataRoot;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    @Test
    void aDeadSetFailsFastAloneAndRecovers() throws Exception {
        EmbeddedPostgresServer server0 = EmbeddedPostgresServer.start(dataRoot.resolve("set00"), 0);
        closeables.add(server0);
        EmbeddedPostgresServer server1 = EmbeddedPostgresServer.start(dataRoot.resolve("set01"), 0);
        int port1 = server1.port();
        server0.createDatabaseNamed("redset_set");
        server1.createDatabaseNamed("redset_set");
        HikariDataSource pool0 = server0.pool("redset_set", 4);
        HikariDataSource pool1 = server1.pool("redset_set", 4);
        closeables.add(pool1);
        closeables.add(pool0);

        ClaimEngine engine = ClaimEngine.start(EngineConfig.custom().setCount(2).backgroundJobs(false)
                .circuit(new EngineConfig.CircuitSettings(50f, 4, 10, Duration.ofMillis(500), 2))
                .build(), Map.of(SetId.of(0), pool0, SetId.of(1), pool1));
        closeables.add(engine);

        EnvelopeId on0 = sendTo(engine, SetId.of(0));
        EnvelopeId on1 = sendTo(engine, SetId.of(1));
        ClaimAnswer before = engine.claim(on1, "u-before");
        assertThat(before.outcome()).isEqualTo(ClaimOutcome.CLAIMED);
        EnvelopeId soldOn1 = sendTo(engine, SetId.of(1));
        for (int i = 0; i < 10; i++) {
            engine.claim(soldOn1, "s" + i);
        }

        server1.close(); // SET 01's database goes away

        // SET 01 answers "unavailable" and its circuit opens; nothing is acknowledged
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThatThrownBy(() -> engine.claim(on1, "u-during-" + System.nanoTime()))
                    .isInstanceOfSatisfying(RejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectedException.Reason.SET_UNAVAILABLE));
            assertThat(engine.set(SetId.of(1)).circuitState()).isEqualTo("OPEN");
        });
        assertThatThrownBy(() -> engine.details(on1)).isInstanceOf(RejectedException.class);
        // the in-memory gate still answers what it knows without the database
        assertThat(engine.claim(soldOn1, "late")).isEqualTo(ClaimAnswer.of(ClaimOutcome.SOLD_OUT));
        assertThat(engine.grab(soldOn1, "late")).isEqualTo(GrabAnswer.closed(ClaimOutcome.SOLD_OUT));
        assertThat(engine.claim(on1, "u-before")).isEqualTo(ClaimAnswer.alreadyClaimed(before.amountFen(), 1));
        assertThat(engine.grab(on1, "u-before")).isEqualTo(GrabAnswer.closed(ClaimOutcome.ALREADY_CLAIMED));
        // new sends avoid the dead SET
        for (int i = 0; i < 10; i++) {
            assertThat(engine.send(SendCommand.of("sender-" + i, 100, 2, SplitMode.LUCKY)).set()).isEqualTo(SetId.of(0));
        }
        // SET 00 is untouched
        assertThat(engine.claim(on0, "u0").outcome()).isEqualTo(ClaimOutcome.CLAIMED);
        assertThat(engine.details(on0).claims()).hasSize(1);

        // the server comes back on the same port and data: the SET recovers by itself
        EmbeddedPostgresServer back = EmbeddedPostgresServer.start(dataRoot.resolve("set01"), port1);
        closeables.add(closeables.indexOf(pool1), back);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(engine.claim(on1, "u-after").outcome()).isEqualTo(ClaimOutcome.CLAIMED));
        assertThat(engine.set(SetId.of(1)).circuitState()).isEqualTo("CLOSED");
        assertThat(engine.claim(on1, "u-before")).isEqualTo(ClaimAnswer.alreadyClaimed(before.amountFen(), 1));
        EnvelopeDetails d = engine.details(on1);
        assertThat(d.claims()).extracting(EnvelopeDetails.ClaimLine::userId).containsExactly("u-before", "u-after");
        assertThat(MoneyInvariants.violations(pool1)).isEmpty();
        assertThat(MoneyInvariants.violations(pool0)).isEmpty();
    }

    @Test
    void aSetWhoseDatabaseIsDownAtStartComesUpLater() throws Exception {
        EmbeddedPostgresServer server0 = EmbeddedPostgresServer.start(dataRoot.resolve("a00"), 0);
        closeables.add(server0);
        EmbeddedPostgresServer server1 = EmbeddedPostgresServer.start(dataRoot.resolve("a01"), 0);
        int port1 = server1.port();
        server0.createDatabaseNamed("redset_set");
        server1.createDatabaseNamed("redset_set");
        HikariDataSource pool0 = server0.pool("redset_set", 4);
        HikariDataSource pool1 = server1.pool("redset_set", 4);
        closeables.add(pool1);
        closeables.add(pool0);
        server1.close();

        ClaimEngine engine = ClaimEngine.start(EngineConfig.custom().setCount(2).backgroundJobs(false).build(),
                Map.of(SetId.of(0), pool0, SetId.of(1), pool1));
        closeables.add(engine);
        assertThat(engine.set(SetId.of(1)).circuitState()).isEqualTo("NOT_STARTED");
        for (int i = 0; i < 10; i++) {
            assertThat(engine.send(SendCommand.of("sender-" + i, 100, 2, SplitMode.LUCKY)).set()).isEqualTo(SetId.of(0));
        }
        assertThatThrownBy(() -> engine.details(engine.parseEnvelopeId("261121010000000001")))
                .isInstanceOfSatisfying(RejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectedException.Reason.SET_UNAVAILABLE));

        EmbeddedPostgresServer back = EmbeddedPostgresServer.start(dataRoot.resolve("a01"), port1);
        closeables.add(closeables.indexOf(pool1), back);
        await().atMost(Duration.ofSeconds(30)).until(() -> !engine.set(SetId.of(1)).circuitState().equals("NOT_STARTED"));
        EnvelopeId on1 = sendTo(engine, SetId.of(1));
        assertThat(engine.claim(on1, "bob").outcome()).isEqualTo(ClaimOutcome.CLAIMED);
        assertThat(MoneyInvariants.violations(pool1)).isEmpty();
    }

    private static EnvelopeId sendTo(ClaimEngine engine, SetId set) {
        for (int i = 0; i < 100; i++) {
            SendReceipt r = engine.send(SendCommand.of("probe-sender-" + i, 1000, 10, SplitMode.LUCKY));
            if (r.set().equals(set)) {
                return r.envelopeId();
            }
        }
        throw new AssertionError("no sender hashed to SET " + set);
    }
}
