package io.redset.alerts;

import io.redset.alerts.email.EmailNotifierProvider;
import io.redset.alerts.pagerduty.PagerDutyNotifierProvider;
import io.redset.alerts.slack.SlackNotifierProvider;
import io.redset.alerts.webhook.WebhookNotifierProvider;

import java.util.List;

/**
 * The one place where receiver types are registered.
 *
 * <p>Checklist for a new receiver type {@code foo}:
 * <ol>
 *   <li>declare {@code FOO("foo")} in {@link ReceiverType};</li>
 *   <li>create the package {@code io.redset.alerts.foo} with {@code FooConfig} (read from the
 *       {@link ReceiverConfig} settings, messages naming {@code receivers.<name>.<key>}),
 *       {@code FooNotifier} (a {@link Notifier} that says whether a failure is worth a retry) and
 *       {@code FooNotifierProvider};</li>
 *   <li>add the provider to {@link #BUILT_IN} below;</li>
 *   <li>write {@code FooNotifierTest} in the same package;</li>
 *   <li>document its settings in the README (section Alerts).</li>
 * </ol>
 * {@code NotifiersTest} fails while a declared type has no provider in its package.
 */
public final class Notifiers {

    private static final List<NotifierProvider> BUILT_IN = List.of(
            new WebhookNotifierProvider(),
            new PagerDutyNotifierProvider(),
            new SlackNotifierProvider(),
            new EmailNotifierProvider());

    private Notifiers() {
    }

    public static List<NotifierProvider> builtIn() {
        return BUILT_IN;
    }

    public static NotifierProvider of(ReceiverType type) {
        return BUILT_IN.stream().filter(p -> p.type() == type).findFirst()
                .orElseThrow(() -> new IllegalStateException("receiver type " + type.tag() + " has no provider"));
    }
}
