package io.redset.alerts.email;

import io.redset.alerts.DeliveryResult;
import io.redset.alerts.Notifications;
import io.redset.alerts.ReceiverConfig;
import io.redset.alerts.ReceiverType;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
}
