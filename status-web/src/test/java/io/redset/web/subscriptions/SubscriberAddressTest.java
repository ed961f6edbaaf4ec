package io.redset.web.subscriptions;

import io.redset.engine.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Subscriber e-mail addresses, without a database: one plain addr-spec or a 400 naming the field,
 * so that no address can add a header or a second recipient to a mail.
 */
class SubscriberAddressTest {

    @Test
    void subscriberAddressesArePlainAddrSpecs() {
        assertThat(SubscriberTargets.emailAddress("Reader.One+status@Example.ORG")).isEqualTo("reader.one+status@example.org");
        assertThat(SubscriberTargets.normalise(SubscriptionDelivery.Channel.EMAIL, "  a@example.org "))
                .isEqualTo("a@example.org");
        for (String bad : new String[]{"not-an-address", "a@localhost", "Eve <eve@example.org>", "<eve@example.org>",
                "\"eve\"@example.org", "\"a,b\"@example.org", "a@example.org, b@example.org", "a@example.org;b@example.org",
                "a@example.org (comment)", "a(b)@example.org", "a b@example.org", "a@exa mple.org", "a\tb@example.org",
                "a@example.org\r\nBcc: x@example.org", "a@example.org\u0000", "a\u0007@example.org", "a@example.org\u007F",
                "ä@example.org", "a@exämple.org", "a@[192.0.2.1]", "a\\b@example.org", "group:a@example.org;",
                "a@@example.org", ".a@example.org", "a..b@example.org", "a@example..org", "a@\uD800.org"}) {
            assertThatThrownBy(() -> SubscriberTargets.emailAddress(bad)).as(bad)
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("email must be a plain e-mail address")
                    .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("email");
        }
    }
}
