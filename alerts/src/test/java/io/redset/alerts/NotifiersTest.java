package io.redset.alerts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every declared receiver type has a provider, in its own package, registered once. */
class NotifiersTest {

    @Test
    void everyDeclaredTypeHasAProviderInItsPackage() {
        for (ReceiverType type : ReceiverType.values()) {
            NotifierProvider p = Notifiers.of(type);
            assertThat(p.getClass().getPackageName()).as(type.tag()).isEqualTo(type.packageName());
        }
        assertThat(Notifiers.builtIn()).hasSize(ReceiverType.values().length);
    }
}
