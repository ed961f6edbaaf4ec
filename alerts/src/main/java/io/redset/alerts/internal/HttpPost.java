package io.redset.alerts.internal;

import io.redset.alerts.DeliveryResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One POST to a receiver, classified as delivered, worth a retry, or not. The answer's body is
 * kept up to {@link #KEPT_BODY_BYTES} (for the error message, which {@link DeliveryResult} keeps only
 * printable: a receiver's answer is untrusted text) and the whole exchange, body
 * included, must end within the request's timeout plus {@link #BODY_GRACE}: a receiver that
 * streams a huge or endless answer costs neither memory nor a sender for long. (The JDK's request
 * timeout alone ends at the response headers.)
 */
public final class HttpPost {

    static final int KEPT_BODY_BYTES = 2048;
    static final Duration BODY_GRACE = Duration.ofSeconds(5);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private HttpPost() {
    }

    public static DeliveryResult json(HttpClient http, URI url, Duration timeout, String json) {
        return send(http, HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "RedSet-Alerts")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Sends a prepared request: 2xx delivered, 408/429/5xx and I/O errors worth a retry, the rest not. */
    public static DeliveryResult send(HttpClient http, HttpRequest request) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArrayConsumer(
                chunk -> chunk.ifPresent(bytes -> keep(kept, bytes))));
        Duration limit = request.timeout().orElse(DEFAULT_TIMEOUT).plus(BODY_GRACE);
        try {
            HttpResponse<Void> r = exchange.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            String body;
            synchronized (kept) {
                body = kept.toString(StandardCharsets.UTF_8);
            }
            return DeliveryResult.ofHttpStatus(r.statusCode(), body);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return DeliveryResult.retry("no complete answer within " + limit.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                return DeliveryResult.retry(cause.toString());
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            return DeliveryResult.retry(String.valueOf(cause));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return DeliveryResult.retry("interrupted");
        }
    }

    private static void keep(ByteArrayOutputStream kept, byte[] bytes) {
        synchronized (kept) {
            int room = KEPT_BODY_BYTES - kept.size();
            if (room > 0) {
                kept.write(bytes, 0, Math.min(room, bytes.length));
            }
        }
    }
}
