package io.redset.engine;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeIdTest {

    @Test
    void carriesDaySetAndSequence() {
        EnvelopeId id = EnvelopeId.of(LocalDate.of(2026, 11, 21), SetId.of(3), 42);
        assertThat(id.toString()).isEqualTo("261121030000000042");
        assertThat(id.day()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(id.dayOfMonth()).isEqualTo(21);
        assertThat(id.set()).isEqualTo(SetId.of(3));
        assertThat(id.sequence()).isEqualTo(42);
        assertThat(EnvelopeId.parse("261121030000000042", "envelopeId")).isEqualTo(id);
    }

    @Test
    void refusesMalformedText() {
        for (String bad : new String[] {null, "", "abc", "26112103000000004", "2611210300000000420", "-61121030000000042",
                "261131030000000042", "261300030000000042", "26112103000000004x", "１61121030000000042"}) {
            assertThatThrownBy(() -> EnvelopeId.parse(bad, "envelopeId"))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("envelopeId"));
        }
    }
}
