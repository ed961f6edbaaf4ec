package io.redset.web;

import io.redset.alerts.testing.FakeSmtpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Gives the application a mail server for subscribers: an email receiver on a local SMTP server. */
public final class SubscriberMail {

    private SubscriberMail() {
    }

    public static void register(DynamicPropertyRegistry r, FakeSmtpServer smtp) {
        r.add("redset.alerts.receivers.subscriber-mail.type", () -> "email");
        r.add("redset.alerts.receivers.subscriber-mail.host", () -> "127.0.0.1");
        r.add("redset.alerts.receivers.subscriber-mail.port", smtp::port);
        r.add("redset.alerts.receivers.subscriber-mail.from", () -> "status@redset.example");
        r.add("redset.status.subscription-email-receiver", () -> "subscriber-mail");
    }
}
