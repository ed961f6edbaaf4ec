package io.redset.engine;

import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.EngineFixture;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reconciliation finds a deliberately corrupted envelope and names it; the database ping answers. */
@DatabaseTest
class ReconcileTest {

    @Test
    void aCorruptedClaimIsReportedWithItsEnvelope() throws Exception {
        try (EngineFixture fixture = new EngineFixture(1, 4, b -> b.backgroundJobs(false))) {
            ClaimEngine engine = fixture.start();
            SetId set = SetId.of(0);
            EnvelopeId good = engine.send(SendCommand.of("a", 100, 2, SplitMode.LUCKY)).envelopeId();
            EnvelopeId bad = engine.send(SendCommand.of("b", 100, 2, SplitMode.LUCKY)).envelopeId();
            engine.claim(good, "u");
            engine.claim(bad, "u");
            assertThat(engine.reconcile(set, Instant.EPOCH)).isEmpty();
            assertThat(engine.pingDatabase(set)).isPositive();

            // test only: a claim row that pays one fen more than was booked
            try (Connection c = fixture.pool(set).getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE claim SET amount_fen = amount_fen + 1 WHERE envelope_id = " + bad.value());
            }
            List<ReconcileFinding> findings = engine.reconcile(set, Instant.EPOCH);
            assertThat(findings).isNotEmpty();
            assertThat(findings).extracting(ReconcileFinding::envelopeId).containsOnly(bad);
            assertThat(findings).extracting(ReconcileFinding::rule)
                    .anyMatch(r -> r.startsWith("sum(claims) + remaining = total"))
                    .anyMatch(r -> r.startsWith("every claim has its ledger row"));
            // a window after the corrupted envelope was created sees nothing
            assertThat(engine.reconcile(set, Instant.now().plusSeconds(60))).isEmpty();
            assertThatThrownBy(() -> engine.reconcile(SetId.of(5), Instant.EPOCH)).isInstanceOf(RedSetException.class);
        }
    }
}
