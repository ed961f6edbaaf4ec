package io.redset.alerts.email;

import io.redset.alerts.DeliveryResult;
import io.redset.alerts.Notification;
import io.redset.alerts.Notifications;
import io.redset.alerts.OutboundMessage;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.ReceiverType;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailNotifierTest {

    /** Answers one SMTP session with 2xx/3xx codes and returns what the client wrote. */
    static CompletableFuture<String> fakeSmtp(ServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try (Socket s = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                 OutputStream out = s.getOutputStream()) {
                out.write("220 fake ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                boolean data = false;
                String line;
                while ((line = in.readLine()) != null) {
                    seen.append(line).append('\n');
                    String answer = null;
                    if (data) {
                        if (line.equals(".")) {
                            data = false;
                            answer = "250 queued";
                        }
                    } else if (line.startsWith("EHLO") || line.startsWith("HELO")) {
                        answer = "250 fake";
                    } else if (line.startsWith("DATA")) {
                        data = true;
                        answer = "354 go on";
                    } else if (line.startsWith("QUIT")) {
                        out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                        break;
                    } else {
                        answer = "250 ok";
                    }
                    if (answer != null) {
                        out.write((answer + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                }
            } catch (Exception e) {
                seen.append("ERROR ").append(e);
            }
            return seen.toString();
        });
    }

    @Test
    void sendsOneMailPerGroup() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<String> session = fakeSmtp(server);
            EmailNotifier n = (EmailNotifier) new EmailNotifierProvider().create(new ReceiverConfig("mail", ReceiverType.EMAIL,
                    Map.of("host", "127.0.0.1", "port", Integer.toString(server.getLocalPort()), "to", "oncall@redset.example, lead@redset.example",
                            "from", "alerts@redset.example")), null);
            DeliveryResult r = n.deliver(Notifications.of("firing", Notifications.item(1, "01", "firing"), Notifications.item(2, "03", "firing")));
            assertThat(r.delivered()).as(r.message()).isTrue();
            String smtp = session.get(10, TimeUnit.SECONDS);
            assertThat(smtp).contains("MAIL FROM:<alerts@redset.example>", "RCPT TO:<oncall@redset.example>", "RCPT TO:<lead@redset.example>",
                    "Subject: [FIRING:2] SetClaimErrorRate", "X-RedSet-Dedup-Key: oncall/firing/k", "SET 03 claim error ratio 12%");
        }
    }

    @Test
    void unreachableServerIsWorthARetry() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmailNotifier n = (EmailNotifier) new EmailNotifierProvider().create(new ReceiverConfig("mail", ReceiverType.EMAIL,
                Map.of("host", "127.0.0.1", "port", Integer.toString(port), "to", "oncall@redset.example", "timeout-ms", "1000")), null);
        assertThat(n.deliver(Notifications.of("firing", Notifications.item(1, "01", "firing"))).retryable()).isTrue();
    }

    @Test
    void configNamesTheKey() {
        assertThatThrownBy(() -> EmailConfig.of(new ReceiverConfig("mail", ReceiverType.EMAIL, Map.of("host", "h", "to", "nobody"))))
                .hasMessageContaining("receivers.mail.to");
        assertThatThrownBy(() -> EmailConfig.of(new ReceiverConfig("mail", ReceiverType.EMAIL, Map.of("host", "h", "to", "a@b", "username", "u"))))
                .hasMessageContaining("receivers.mail.password");
    }

    /** A mail receiver on a port nobody listens on: anything that gets as far as connecting is worth a retry. */
    static EmailNotifier toClosedPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return (EmailNotifier) new EmailNotifierProvider().create(new ReceiverConfig("mail", ReceiverType.EMAIL,
                Map.of("host", "127.0.0.1", "port", Integer.toString(port), "from", "status@redset.example", "timeout-ms", "1000")), null);
    }

    static OutboundMessage mail(String to, String dedupKey, String unsubscribeUrl) {
        return new OutboundMessage(OutboundMessage.Channel.EMAIL, to, "mail", dedupKey, "[RedSet status] API down", "text",
                null, unsubscribeUrl, Instant.parse("2026-11-21T09:33:00Z"));
    }

    /** A line break in a header value would start a header of the sender's choosing: refused for good, before connecting. */
    @Test
    void headerValuesWithControlCharactersOrAngleBracketsAreRefusedBeforeSending() throws Exception {
        EmailNotifier n = toClosedPort();
        DeliveryResult crlf = n.deliverMessage(mail("reader@example.org", "sub-1/upd-1",
                "https://status.redset.example/u?t=1\r\nBcc: everyone@example.org"));
        assertThat(crlf.delivered()).isFalse();
        assertThat(crlf.retryable()).as(crlf.message()).isFalse();
        assertThat(crlf.message()).startsWith("not sent: the List-Unsubscribe URL").contains("U+000D at index 35");

        DeliveryResult angle = n.deliverMessage(mail("reader@example.org", "sub-1/upd-2",
                "https://status.redset.example/u?t=1>, <mailto:unsubscribe@evil.example"));
        assertThat(angle.retryable()).as(angle.message()).isFalse();
        assertThat(angle.message()).contains("'<' or '>'");

        DeliveryResult key = n.deliverMessage(mail("reader@example.org", "sub-1/upd-3\nBcc: everyone@example.org", null));
        assertThat(key.retryable()).as(key.message()).isFalse();
        assertThat(key.message()).startsWith("not sent: X-RedSet-Dedup-Key");

        assertThat(n.deliverMessage(mail("reader@example.org", "sub-1/upd-4", "https://status.redset.example/u?t=1")).retryable())
                .as("a clean message gets as far as connecting").isTrue();
    }

    /** An address that does not parse never gets better; an SMTP 4xx on an address (greylisting) still may. */
    @Test
    void anAddressThatDoesNotParseIsAPermanentFailure() throws Exception {
        DeliveryResult r = toClosedPort().deliverMessage(mail("<reader@example.org", "sub-2/upd-1", null));
        assertThat(r.delivered()).isFalse();
        assertThat(r.retryable()).as(r.message()).isFalse();
        assertThat(r.message()).contains("AddressException");
        assertThat(EmailNotifier.classify(new AddressException("Illegal address", "a b@c")).retryable()).isFalse();
        assertThat(EmailNotifier.classify(new SMTPAddressFailedException(new InternetAddress("a@example.org"), "RCPT TO", 450,
                "450 mailbox busy")).retryable()).isTrue();
    }

    /** An alertname from an upstream Alertmanager may hold a line break: the subject is folded, no header is added. */
    @Test
    void aLineBreakInTheSubjectStartsNoHeader() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<String> session = fakeSmtp(server);
            EmailNotifier n = (EmailNotifier) new EmailNotifierProvider().create(new ReceiverConfig("mail", ReceiverType.EMAIL,
                    Map.of("host", "127.0.0.1", "port", Integer.toString(server.getLocalPort()), "to", "oncall@redset.example",
                            "from", "alerts@redset.example")), null);
            Notification.Item item = Notifications.item(1, "01", "firing");
            Notification note = new Notification(1, "mail", "firing", "{}", Map.of("alertname", "DiskFull\r\nBcc: everyone@example.org"),
                    List.of(item), "http://redset.example", "mail/firing/k", Instant.parse("2026-11-21T09:33:00Z"));
            DeliveryResult r = n.deliver(note);
            assertThat(r.delivered()).as(r.message()).isTrue();
            String smtp = session.get(10, TimeUnit.SECONDS);
            assertThat(smtp.lines()).noneMatch(l -> l.startsWith("Bcc:")).noneMatch(l -> l.contains("RCPT TO:<everyone"));
        }
    }
}
