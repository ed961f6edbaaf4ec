package io.redset.web.engine;

import io.redset.engine.SetId;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SetRangesTest {

    private static Set<Integer> parse(String text, int count) {
        return SetRanges.parse(text, count).stream().map(SetId::index).collect(Collectors.toSet());
    }

    @Test
    void allAndBlankMeanEverySet() {
        assertThat(parse("all", 4)).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(parse("ALL", 2)).containsExactlyInAnyOrder(0, 1);
        assertThat(parse("", 3)).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(parse(null, 1)).containsExactly(0);
    }

    @Test
    void numbersAndRanges() {
        assertThat(parse("0-1", 4)).containsExactlyInAnyOrder(0, 1);
        assertThat(parse("0,2", 4)).containsExactlyInAnyOrder(0, 2);
        assertThat(parse("1-3,5", 6)).containsExactlyInAnyOrder(1, 2, 3, 5);
        assertThat(parse(" 3 , 1 - 2 ", 4)).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(parse("03", 4)).containsExactly(3);
    }

    @Test
    void badSyntaxNamesTheSetting() {
        for (String bad : new String[] {"1-", "-1", "a", "0,,1", "1..3", "0;1", "2-1", "100"}) {
            assertThatThrownBy(() -> SetRanges.parse(bad, 4)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("redset.node.owned-sets");
        }
    }

    @Test
    void refusesSetsBeyondTheCount() {
        assertThatThrownBy(() -> SetRanges.parse("0-4", 4))
                .hasMessageContaining("names SET 4").hasMessageContaining("redset.sets.count is 4");
    }
}
