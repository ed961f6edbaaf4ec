package io.redset.alerts;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP receiver that records every POST body; it can answer errors on demand. */
public final class WebhookSink implements AutoCloseable {

    /** One POST; {@code idempotencyKey} and {@code signature}: its {@code Idempotency-Key} and {@code X-RedSet-Signature} headers or null. */
    public record Received(long atNanos, String path, String body, String idempotencyKey, String signature) {
    }

    private static final String SUCCESS_BODY = "{\"status\":\"success\"}";

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private volatile String failureBody = SUCCESS_BODY;
    private volatile long delayMillis;

    public WebhookSink() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            long pause = delayMillis;
            if (pause > 0) {
                try {
                    Thread.sleep(pause); // a remote receiver's think time, for the fan-out benchmark
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 200;
            String answerBody = SUCCESS_BODY;
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = failureStatus;
                answerBody = failureBody;
            } else {
                received.add(new Received(System.nanoTime(), exchange.getRequestURI().getPath(), body,
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        exchange.getRequestHeaders().getFirst("X-RedSet-Signature")));
            }
            byte[] answer = answerBody.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every answer waits this long first (like a remote receiver). */
    public void delay(java.time.Duration d) {
        delayMillis = d.toMillis();
    }

    /** The next n requests get this status (and are not recorded). */
    public void failNext(int n, int status) {
        failNext(n, status, SUCCESS_BODY);
    }

    /** The next n requests get this status with this answer body, UTF-8 (and are not recorded). */
    public void failNext(int n, int status, String body) {
        failureStatus = status;
        failureBody = body;
        failuresLeft.set(n);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<String> bodies() {
        return received.stream().map(Received::body).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
