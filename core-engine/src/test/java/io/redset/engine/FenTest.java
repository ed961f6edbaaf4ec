package io.redset.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Money arithmetic fails loudly instead of wrapping around or going below zero. */
class FenTest {

    @Test
    void sumsAndDifferencesAreExact() {
        assertThat(Fen.plus(19_999, 1)).isEqualTo(20_000);
        assertThat(Fen.minus(20_000, 20_000)).isZero();
        assertThat(Fen.plus(Long.MAX_VALUE - 1, 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void overflowAndNegativeAmountsAreErrors() {
        assertThatThrownBy(() -> Fen.plus(Long.MAX_VALUE, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Fen.minus(5, 6)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> Fen.minus(Long.MIN_VALUE, 1)).isInstanceOf(ArithmeticException.class);
    }
}
