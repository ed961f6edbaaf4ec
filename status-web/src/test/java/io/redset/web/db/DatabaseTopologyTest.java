package io.redset.web.db;

import io.redset.engine.SetId;
import io.redset.web.RedSetProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The external layout: one database per owned SET, named by redset.sets.urls[N]. */
class DatabaseTopologyTest {

    private static RedSetProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("redset", RedSetProperties.class);
    }

    @Test
    void externalDatabasesOfTheOwnedSets() {
        DatabaseTopology t = DatabaseTopology.from(bind(Map.of(
                "redset.embedded.enabled", "false",
                "redset.control.url", "jdbc:postgresql://control/redset",
                "redset.control.username", "ctl",
                "redset.sets.count", "4",
                "redset.node.owned-sets", "2-3",
                "redset.sets.urls[2]", "jdbc:postgresql://set2/redset",
                "redset.sets.urls[3]", "jdbc:postgresql://set3/redset",
                "redset.sets.username", "app",
                "redset.sets.password", "secret")));
        assertThat(t.isEmbedded()).isFalse();
        assertThat(t.control().url()).isEqualTo("jdbc:postgresql://control/redset");
        assertThat(t.control().username()).isEqualTo("ctl");
        assertThat(t.sets()).containsOnlyKeys(SetId.of(2), SetId.of(3));
        assertThat(t.sets().get(SetId.of(3)).url()).isEqualTo("jdbc:postgresql://set3/redset");
        assertThat(t.sets().get(SetId.of(2)).username()).isEqualTo("app");
        assertThat(t.sets().get(SetId.of(2)).toString()).doesNotContain("secret");
    }

    @Test
    void missingUrlsNameTheirKey() {
        assertThatThrownBy(() -> DatabaseTopology.from(bind(Map.of("redset.embedded.enabled", "false"))))
                .hasMessageContaining("redset.control.url");
        assertThatThrownBy(() -> DatabaseTopology.from(bind(Map.of(
                "redset.embedded.enabled", "false",
                "redset.control.url", "jdbc:postgresql://control/redset",
                "redset.sets.count", "2",
                "redset.sets.urls[0]", "jdbc:postgresql://set0/redset"))))
                .hasMessageContaining("redset.sets.urls[1]");
    }

    @Test
    void setDatabaseNames() {
        assertThat(DatabaseTopology.setDatabase(SetId.of(3))).isEqualTo("redset_set_03");
    }
}
