package io.redset.web.status;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The simple delivery until the alerts outbox takes over: a webhook is POSTed (JSON, 5 s timeout)
 * with up to three tries 2 s and 10 s apart, in the background; an e-mail is written to the log
 * (no mail server is configured in RedSet yet). Nothing is kept across a restart.
 */
public final class DirectSubscriptionDelivery implements SubscriptionDelivery {

    private static final Logger log = LoggerFactory.getLogger(DirectSubscriptionDelivery.class);
    private static final long[] BACKOFF_SECONDS = {0, 2, 10};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public void deliver(Notice notice) {
        switch (notice.channel()) {
            case EMAIL -> log.info("E-mail to subscriber {} ({}): {}\n{}", notice.subscriberId(), notice.target(),
                    notice.subject(), notice.text());
            case WEBHOOK -> post(notice, 0);
        }
    }

    private void post(Notice notice, int attempt) {
        Executor later = CompletableFuture.delayedExecutor(BACKOFF_SECONDS[attempt], TimeUnit.SECONDS);
        CompletableFuture.runAsync(() -> { }, later).thenCompose(v -> http.sendAsync(
                        HttpRequest.newBuilder(URI.create(notice.target())).timeout(Duration.ofSeconds(5))
                                .header("Content-Type", "application/json")
                                .header("User-Agent", "RedSet status page")
                                .header("Idempotency-Key", notice.dedupKey())
                                .POST(HttpRequest.BodyPublishers.ofByteArray(notice.json())).build(),
                        HttpResponse.BodyHandlers.discarding()))
                .whenComplete((response, error) -> {
                    boolean ok = error == null && response.statusCode() / 100 == 2;
                    boolean retry = !ok && (error != null || response.statusCode() >= 500 || response.statusCode() == 429);
                    if (ok) {
                        log.debug("Webhook {} delivered to subscriber {}", notice.dedupKey(), notice.subscriberId());
                    } else if (retry && attempt + 1 < BACKOFF_SECONDS.length) {
                        post(notice, attempt + 1);
                    } else {
                        log.warn("Webhook {} to subscriber {} not delivered: {}", notice.dedupKey(), notice.subscriberId(),
                                error != null ? error.toString() : "HTTP " + response.statusCode());
                    }
                });
    }
}
