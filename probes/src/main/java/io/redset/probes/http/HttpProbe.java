package io.redset.probes.http;

import io.redset.probes.ComponentId;
import io.redset.probes.Probe;
import io.redset.probes.ProbeContext;
import io.redset.probes.ProbeResult;
import io.redset.probes.ProbeType;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks one URL: the request (headers and at most 1 MiB of body) must complete within the timeout,
 * then the conditions of its {@link HttpProbeConfig} are checked in order: status code, body, latency.
 * The latency is the time to the whole (possibly truncated) body.
 */
final class HttpProbe implements Probe {

    static final String USER_AGENT = "RedSet-probe/1";

    private final HttpProbeConfig config;
    private final Duration interval;
    private final Duration timeout;
    private final HttpClient client;

    HttpProbe(HttpProbeConfig config, Duration interval, Duration timeout) {
        this.config = config;
        this.interval = interval;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public ComponentId component() {
        return ComponentId.ofHttp(config.name());
    }

    @Override
    public ProbeType type() {
        return ProbeType.HTTP;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public ProbeResult run(ProbeContext context) throws InterruptedException {
        Duration budget = context.remaining();
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url())
                .timeout(budget)
                .header("User-Agent", USER_AGENT)
                .method(config.method(), HttpRequest.BodyPublishers.noBody());
        config.headers().forEach(request::header);
        long t0 = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request.build(), info -> new LimitedBody());
        HttpResponse<byte[]> response;
        try {
            response = call.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return ProbeResult.failed(Duration.ofNanos(System.nanoTime() - t0),
                    config.method() + " " + config.url() + ": no complete answer within " + budget.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                // the client's own request timeout, which races the wait above: the same failure, the same words
                return ProbeResult.failed(Duration.ofNanos(System.nanoTime() - t0),
                        config.method() + " " + config.url() + ": no complete answer within " + budget.toMillis() + " ms");
            }
            return ProbeResult.failed(Duration.ofNanos(System.nanoTime() - t0), config.method() + " " + config.url()
                    + ": " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - t0);
        int status = response.statusCode();
        String head = "status " + status + " in " + latency.toMillis() + " ms";
        if (!config.expectedStatus().accepts(status)) {
            return ProbeResult.failed(latency, head + ", expected " + config.expectedStatus());
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (config.bodyContains() != null && !body.contains(config.bodyContains())) {
            return ProbeResult.failed(latency, head + ", body does not contain '" + config.bodyContains() + "': " + excerpt(body));
        }
        if (config.bodyMatches() != null && !config.bodyMatches().matcher(body).find()) {
            return ProbeResult.failed(latency, head + ", body does not match /" + config.bodyMatches().pattern() + "/: "
                    + excerpt(body));
        }
        if (config.maxLatency() != null && latency.compareTo(config.maxLatency()) > 0) {
            return ProbeResult.degraded(latency, head + ", slower than " + config.maxLatency().toMillis() + " ms");
        }
        return ProbeResult.ok(latency, head);
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    private static String excerpt(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }

    /** Collects at most {@link HttpProbeConfig#MAX_BODY_BYTES} of the body and stops reading there. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                int take = Math.min(b.remaining(), HttpProbeConfig.MAX_BODY_BYTES - bytes.size());
                byte[] chunk = new byte[take];
                b.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= HttpProbeConfig.MAX_BODY_BYTES) {
                subscription.cancel();
                result.complete(bytes.toByteArray());
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
