package io.redset.engine;

import com.zaxxer.hikari.HikariDataSource;
import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.MoneyInvariants;
import io.redset.engine.testing.TestPostgres;
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
@DatabaseTest
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

    /** SET 00 and SET 01 databases, each on its own server; SET 01's server can stop and start again. */
    private final class TwoSetServers {
        final HikariDataSource pool0;
        final HikariDataSource pool1;
        private final Path dir1;
        private final int port1;
        private TestPostgres server1;

        TwoSetServers(String name) {
            TestPostgres server0 = TestPostgres.start(dataRoot.resolve(name + "-00"), 0);
            dir1 = dataRoot.resolve(name + "-01");
            server1 = TestPostgres.start(dir1, 0);
            port1 = server1.port();
            server0.createDatabaseNamed("redset_set");
            server1.createDatabaseNamed("redset_set");
            pool0 = server0.pool("redset_set", 4);
            pool1 = server1.pool("redset_set", 4);
            // closed in reverse order: pools first, then the servers
            closeables.add(server0);
            closeables.add(this::stopSet1);
            closeables.add(pool0);
            closeables.add(pool1);
        }

        void stopSet1() {
            if (server1 != null) {
                server1.close();
                server1 = null;
            }
        }

        void startSet1Again() {
            server1 = TestPostgres.start(dir1, port1);
        }
    }

    @Test
    void aDeadSetFailsFastAloneAndRecovers() throws Exception {
        TwoSetServers servers = new TwoSetServers("outage");
        HikariDataSource pool0 = servers.pool0;
        HikariDataSource pool1 = servers.pool1;

        // wait-in-open 5 s: the circuit must stay OPEN through the checks below. Once it turns HALF_OPEN
        // by itself the engine counts SET 01 as available again, so sends homed there would be routed
        // to the dead SET. The recovery wait further down (30 s) covers these 5 s.
        ClaimEngine engine = ClaimEngine.start(EngineConfig.custom().setCount(2).backgroundJobs(false)
                .circuit(new EngineConfig.CircuitSettings(50f, 4, 10, Duration.ofSeconds(5), 2))
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

        servers.stopSet1(); // SET 01's database goes away

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
        // an idempotent send whose first attempt may sit in the dead SET is refused, not booked twice
        String homedOn1 = senderWithHome(engine, SetId.of(1));
        assertThatThrownBy(() -> engine.send(SendCommand.of(homedOn1, 100, 2, SplitMode.LUCKY).withRequestId("r-9")))
                .isInstanceOfSatisfying(RejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectedException.Reason.SET_UNAVAILABLE));
        // new sends avoid the dead SET
        for (int i = 0; i < 10; i++) {
            assertThat(engine.send(SendCommand.of("sender-" + i, 100, 2, SplitMode.LUCKY)).set()).isEqualTo(SetId.of(0));
        }
        // SET 00 is untouched
        assertThat(engine.claim(on0, "u0").outcome()).isEqualTo(ClaimOutcome.CLAIMED);
        assertThat(engine.details(on0).claims()).hasSize(1);

        // the server comes back on the same port and data: the SET recovers by itself
        servers.startSet1Again();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(engine.claim(on1, "u-after").outcome()).isEqualTo(ClaimOutcome.CLAIMED));
        // the circuit closes once its HALF_OPEN trial calls are recorded, not necessarily by the time
        // the first successful claim has answered
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.set(SetId.of(1)).circuitState().equals("CLOSED"));
        assertThat(engine.claim(on1, "u-before")).isEqualTo(ClaimAnswer.alreadyClaimed(before.amountFen(), 1));
        EnvelopeDetails d = engine.details(on1);
        assertThat(d.claims()).extracting(EnvelopeDetails.ClaimLine::userId).containsExactly("u-before", "u-after");
        assertThat(MoneyInvariants.violations(pool1)).isEmpty();
        assertThat(MoneyInvariants.violations(pool0)).isEmpty();
    }

    @Test
    void aSetWhoseDatabaseIsDownAtStartComesUpLater() throws Exception {
        TwoSetServers servers = new TwoSetServers("late");
        HikariDataSource pool0 = servers.pool0;
        HikariDataSource pool1 = servers.pool1;
        servers.stopSet1();

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

        servers.startSet1Again();
        await().atMost(Duration.ofSeconds(30)).until(() -> !engine.set(SetId.of(1)).circuitState().equals("NOT_STARTED"));
        EnvelopeId on1 = sendTo(engine, SetId.of(1));
        assertThat(engine.claim(on1, "bob").outcome()).isEqualTo(ClaimOutcome.CLAIMED);
        assertThat(MoneyInvariants.violations(pool1)).isEmpty();
    }

    /** A sender id whose home SET is the given one (found through where its sends land while all SETs are up). */
    private String senderWithHome(ClaimEngine engine, SetId set) {
        return homes.get(set);
    }

    private final java.util.Map<SetId, String> homes = new java.util.HashMap<>();

    private EnvelopeId sendTo(ClaimEngine engine, SetId set) {
        for (int i = 0; i < 100; i++) {
            SendReceipt r = engine.send(SendCommand.of("probe-sender-" + i, 1000, 10, SplitMode.LUCKY));
            homes.putIfAbsent(r.set(), "probe-sender-" + i);
            if (r.set().equals(set)) {
                return r.envelopeId();
            }
        }
        throw new AssertionError("no sender hashed to SET " + set);
    }
}
