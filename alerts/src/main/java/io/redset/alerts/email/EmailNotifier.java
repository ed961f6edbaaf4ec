package io.redset.alerts.email;

import io.redset.alerts.DeliveryResult;
import io.redset.alerts.Notification;
import io.redset.alerts.Notifier;
import io.redset.alerts.OutboundMessage;
import io.redset.alerts.ReceiverConfig;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import java.util.Date;
import java.util.Properties;

/**
 * One plain-text mail per grouped notification, over SMTP (Jakarta Mail, Angus implementation).
 * Header values set here ({@code X-RedSet-Dedup-Key}, {@code List-Unsubscribe}) are refused, as a
 * permanent failure with nothing sent, when they hold a control character (a CR or LF would start a
 * header of the sender's choosing) or, for the unsubscribe URL, {@code <} or {@code >} (which would
 * end its angle brackets early). Subjects are folded and encoded by Jakarta Mail itself.
 */
public final class EmailNotifier implements Notifier {

    private final EmailConfig config;
    private final Session session;

    public EmailNotifier(EmailConfig config) {
        this.config = config;
        Properties p = new Properties();
        p.put("mail.smtp.host", config.host());
        p.put("mail.smtp.port", Integer.toString(config.port()));
        p.put("mail.smtp.connectiontimeout", Integer.toString(config.timeoutMillis()));
        p.put("mail.smtp.timeout", Integer.toString(config.timeoutMillis()));
        p.put("mail.smtp.writetimeout", Integer.toString(config.timeoutMillis()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(config.starttls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(config.starttls()));
        p.put("mail.smtp.auth", Boolean.toString(config.username() != null));
        this.session = config.username() == null ? Session.getInstance(p) : Session.getInstance(p, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(config.username(), config.password());
            }
        });
    }

    @Override
    public ReceiverConfig config() {
        return config.receiver();
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        if ("acknowledged".equals(n.event())) {
            return DeliveryResult.ok("acknowledgements are not mailed");
        }
        if (config.to().isEmpty()) {
            return DeliveryResult.permanent(config.receiver().key("to") + " is not set: this receiver carries messages only");
        }
        String refused = unsafeHeaderValue(n.dedupKey());
        if (refused != null) {
            return DeliveryResult.permanent("not sent: X-RedSet-Dedup-Key " + refused);
        }
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(config.from()));
            for (String to : config.to()) {
                m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
            }
            m.setSubject(subject(n), "UTF-8");
            m.setSentDate(Date.from(n.createdAt()));
            m.setHeader("X-RedSet-Dedup-Key", n.dedupKey());
            m.setText(body(n), "UTF-8");
            Transport.send(m);
            return DeliveryResult.ok("sent to " + config.to());
        } catch (MessagingException e) {
            return classify(e);
        }
    }

    @Override
    public boolean carriesMessages() {
        return true;
    }

    /** The message's own subject and text to its own address, through this receiver's SMTP settings. */
    @Override
    public DeliveryResult deliverMessage(OutboundMessage message) {
        String refused = unsafeHeaderValue(message.dedupKey());
        if (refused != null) {
            return DeliveryResult.permanent("not sent: X-RedSet-Dedup-Key " + refused);
        }
        if (message.unsubscribeUrl() != null) {
            refused = unsafeUnsubscribeUrl(message.unsubscribeUrl());
            if (refused != null) {
                return DeliveryResult.permanent("not sent: the List-Unsubscribe URL " + refused);
            }
        }
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(config.from()));
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(message.target(), true));
            m.setSubject(message.subject(), "UTF-8");
            m.setSentDate(Date.from(message.createdAt()));
            m.setHeader("X-RedSet-Dedup-Key", message.dedupKey());
            if (message.unsubscribeUrl() != null) {
                // RFC 8058 one-click unsubscribe: mail clients show an "unsubscribe" button
                m.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
                m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            m.setText(message.text(), "UTF-8");
            Transport.send(m);
            return DeliveryResult.ok("sent to " + message.target());
        } catch (MessagingException e) {
            return classify(e);
        }
    }

    /** Why a header value must not be sent, or null when it may: no control character at all (CR, LF, NUL, tab...). */
    static String unsafeHeaderValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return String.format("holds the control character U+%04X at index %d", (int) value.charAt(i), i);
            }
        }
        return null;
    }

    /** Why an unsubscribe URL must not go between the header's angle brackets, or null when it may. */
    static String unsafeUnsubscribeUrl(String url) {
        String refused = unsafeHeaderValue(url);
        if (refused == null && (url.indexOf('<') >= 0 || url.indexOf('>') >= 0)) {
            refused = "holds '<' or '>'";
        }
        return refused;
    }

    /**
     * SMTP's own rule: a 4xx reply (greylisting, a full queue) is worth a retry, a 5xx one is not;
     * an address that does not parse or is refused without a code is permanent (it never gets
     * better), a connection failure is worth a retry.
     */
    static DeliveryResult classify(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            int code = x instanceof SMTPSendFailedException f ? f.getReturnCode()
                    : x instanceof SMTPAddressFailedException a ? a.getReturnCode()
                    : x instanceof SMTPSenderFailedException s ? s.getReturnCode() : -1;
            if (code >= 400) {
                return code < 500 ? DeliveryResult.retry(e.toString()) : DeliveryResult.permanent(e.toString());
            }
        }
        // after the codes: SMTPAddressFailedException is an AddressException too, and its 4xx is worth a retry
        return e instanceof SendFailedException || e instanceof AddressException
                ? DeliveryResult.permanent(e.toString()) : DeliveryResult.retry(e.toString());
    }

    static String subject(Notification n) {
        return "[" + n.status().toUpperCase() + ":" + n.alerts().size() + "] " + n.alertname();
    }

    static String body(Notification n) {
        StringBuilder b = new StringBuilder();
        for (Notification.Item a : n.alerts()) {
            b.append('[').append(a.status()).append("] ").append(a.annotations().getOrDefault("summary", a.fingerprint())).append('\n');
            b.append("  labels: ").append(new java.util.TreeMap<>(a.labels())).append('\n');
            b.append("  since: ").append(a.startsAt()).append(a.endsAt() == null ? "" : ", ended: " + a.endsAt()).append('\n');
            if (a.annotations().containsKey("runbook_url")) {
                b.append("  runbook: ").append(a.annotations().get("runbook_url")).append('\n');
            }
        }
        b.append('\n').append(n.externalUrl()).append("/console/alerts\n");
        return b.toString();
    }
}
