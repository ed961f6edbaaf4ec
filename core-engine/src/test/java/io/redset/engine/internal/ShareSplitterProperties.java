package io.redset.engine.internal;

import io.redset.engine.SplitMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ShareSplitterProperties {

    record Envelope(long totalFen, int count, long seed) {
    }

    @Provide
    Arbitrary<Envelope> lucky() {
        return Combinators.combine(Arbitraries.integers().between(1, 100_000), Arbitraries.longs())
                .flatAs((count, seed) -> Arbitraries.longs().between(count, 1_000_000_000L)
                        .map(total -> new Envelope(total, count, seed)));
    }

    @Provide
    Arbitrary<Envelope> equal() {
        return Combinators.combine(Arbitraries.integers().between(1, 100_000), Arbitraries.longs().between(1, 10_000))
                .as((count, share) -> new Envelope((long) count * share, count, 0));
    }

    @Property(tries = 300)
    void luckySharesSumToTotalEachAtLeastOneFen(@ForAll("lucky") Envelope e) {
        List<Long> shares = drawAll(SplitMode.LUCKY, e);
        assertThat(shares).hasSize(e.count());
        assertThat(shares).allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(1L));
        assertThat(shares.stream().mapToLong(Long::longValue).sum()).isEqualTo(e.totalFen());
    }

    @Property(tries = 300)
    void luckySharesNeverExceedTwiceTheMeanOfWhatIsLeft(@ForAll("lucky") Envelope e) {
        SplittableRandom random = new SplittableRandom(e.seed());
        long fen = e.totalFen();
        for (int left = e.count(); left > 1; left--) {
            long share = ShareSplitter.nextShare(SplitMode.LUCKY, fen, left, random);
            assertThat(share).isBetween(1L, Math.max(1L, 2 * fen / left - 1));
            fen -= share;
        }
    }

    @Property(tries = 300)
    void equalSharesAreAllTheSame(@ForAll("equal") Envelope e) {
        List<Long> shares = drawAll(SplitMode.EQUAL, e);
        assertThat(shares).hasSize(e.count());
        assertThat(shares).containsOnly(e.totalFen() / e.count());
        assertThat(shares.stream().mapToLong(Long::longValue).sum()).isEqualTo(e.totalFen());
    }

    private static List<Long> drawAll(SplitMode mode, Envelope e) {
        SplittableRandom random = new SplittableRandom(e.seed());
        List<Long> shares = new ArrayList<>(e.count());
        long fen = e.totalFen();
        for (int left = e.count(); left > 0; left--) {
            long share = ShareSplitter.nextShare(mode, fen, left, random);
            shares.add(share);
            fen -= share;
        }
        assertThat(fen).isZero();
        return shares;
    }
}
