package io.redset.alerts.internal;

import io.redset.alerts.DeliveryResult;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One JSON POST of a receiver, classified as delivered, worth a retry, or not. */
public final class HttpPost {

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
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return DeliveryResult.ofHttpStatus(r.statusCode(), r.body());
        } catch (IOException e) {
            return DeliveryResult.retry(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry("interrupted");
        }
    }
}
