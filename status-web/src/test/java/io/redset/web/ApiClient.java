package io.redset.web;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for the tests: raw bodies and headers, so bad requests can be sent as they are. */
public final class ApiClient {

    public static final String JSON = "application/json";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private String authorization;

    public ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    private ApiClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** This client with HTTP Basic credentials. */
    public ApiClient as(String username, String password) {
        return new ApiClient(base, "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** This client with {@code Authorization: Bearer token} (a service key or a JWT). */
    public ApiClient bearer(String token) {
        return new ApiClient(base, "Bearer " + token);
    }

    /** This client as the test service key {@code default} (every scope). */
    public ApiClient service() {
        return bearer(RedSetBootTest.API_KEY);
    }

    /** This client with any Authorization header value. */
    public ApiClient authorization(String value) {
        return new ApiClient(base, value);
    }

    public Response get(String path) {
        return send(builder(path).GET());
    }

    /**
     * GET with {@code If-None-Match} set to the ETag of a first GET; once more with the newer ETag
     * when a snapshot rebuild changed the body in between. A cached resource answers 304.
     */
    public Response revalidate(String path) {
        String etag = get(path).header("ETag");
        Response again = send(builder(path).header("If-None-Match", etag).GET());
        if (again.status() == 200) {
            again = send(builder(path).header("If-None-Match", again.header("ETag")).GET());
        }
        return again;
    }

    public Response post(String path, String json) {
        return post(path, JSON, json);
    }

    public Response post(String path, String contentType, String body) {
        HttpRequest.Builder b = builder(path);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response put(String path, String json) {
        return send(builder(path).header("Content-Type", JSON).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(builder(path).DELETE());
    }

    /** Any method, with extra headers given as name, value pairs. */
    public Response request(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = builder(path);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r, r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, HttpResponse<String> raw, String body) {

        public JsonNode json() {
            return MAPPER.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** JSON text from single quotes, for readable request bodies in tests. */
    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
