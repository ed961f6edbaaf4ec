package io.redset.engine;

import io.redset.engine.testing.DatabaseTest;
import io.redset.engine.testing.EngineFixture;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node serves only its own SETs; requests for the others are refused, never answered wrongly. */
@DatabaseTest
class OwnedSetsTest {

    @Test
    void requestsForSetsOfOtherNodesAreRefused() {
        try (EngineFixture fixture = new EngineFixture(3, 4, b -> b.ownedSets(Set.of(SetId.of(1))).backgroundJobs(false))) {
            ClaimEngine engine = fixture.start();
            for (int i = 0; i < 20; i++) {
                assertThat(engine.send(SendCommand.of("s" + i, 100, 2, SplitMode.LUCKY)).set()).isEqualTo(SetId.of(1));
            }
            EnvelopeId elsewhere = engine.parseEnvelopeId(java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                    .format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd")) + "020000000001");
            assertThatThrownBy(() -> engine.claim(elsewhere, "bob"))
                    .isInstanceOfSatisfying(RejectedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RejectedException.Reason.NOT_OWNED);
                        assertThat(e.set()).isEqualTo(SetId.of(2));
                    });
            assertThatThrownBy(() -> engine.details(elsewhere)).isInstanceOf(RejectedException.class);
            assertThatThrownBy(() -> engine.grab(elsewhere, "bob")).isInstanceOf(RejectedException.class);
            assertThat(engine.sets()).extracting(SetView::owned).containsExactly(false, true, false);
            assertThat(EngineFixture.query(fixture.pool(SetId.of(1)), "SELECT count(*) FROM envelope").get(0)[0]).isEqualTo(20L);
        }
    }
}
