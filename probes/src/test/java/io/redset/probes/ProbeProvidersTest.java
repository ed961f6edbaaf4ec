package io.redset.probes;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Every declared probe type has exactly one provider, in its own package; nothing undeclared is registered. */
class ProbeProvidersTest {

    @Test
    void everyDeclaredTypeHasOneProviderInItsPackage() {
        for (ProbeType type : ProbeType.values()) {
            List<ProbeProvider> providers = ProbeProviders.builtIn().stream().filter(p -> p.type() == type).toList();
            assertThat(providers).as("providers of probe type %s", type.tag()).hasSize(1);
            assertThat(providers.get(0).getClass().getPackageName()).as("package of the %s provider", type.tag())
                    .isEqualTo(type.packageName());
            assertThatCode(() -> ProbeProviders.of(type)).doesNotThrowAnyException();
        }
        assertThat(ProbeProviders.builtIn()).hasSize(ProbeType.values().length);
    }

    @Test
    void everyTypePackageHasItsConfigAndProbe() {
        for (ProbeType type : ProbeType.values()) {
            String simple = Character.toUpperCase(type.tag().charAt(0)) + type.tag().substring(1);
            for (String suffix : List.of("ProbeConfig", "Probe", "ProbeProvider")) {
                String name = type.packageName() + "." + simple + suffix;
                assertThatCode(() -> Class.forName(name)).as("class %s", name).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void tagsAreUniqueAndRoundTrip() {
        assertThat(Arrays.stream(ProbeType.values()).map(ProbeType::tag).distinct()).hasSize(ProbeType.values().length);
        for (ProbeType type : ProbeType.values()) {
            assertThat(ProbeType.ofTag(type.tag())).isEqualTo(type);
        }
    }
}
