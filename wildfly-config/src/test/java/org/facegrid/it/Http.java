package org.facegrid.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A small HTTP client for tests: requests against a base URL, answers with status and parsed JSON. */
public final class Http {
    /** HTTP/1.1 as curl and load balancers speak it (the default would upgrade to cleartext HTTP/2 first). */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization; // null: send no credentials

    /** A client that sends no credentials. */
    public Http(String base) {
        this(base, null);
    }

    private Http(String base, String authorization) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authorization = authorization;
    }

    /** The same server, as this user (HTTP Basic). */
    public Http as(String user, String password) {
        return new Http(base, "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** As {@link #as(String, String)} from "user:password", as 'facegrid credentials' prints it. */
    public Http as(String userColonPassword) {
        int colon = userColonPassword.indexOf(':');
        return as(userColonPassword.substring(0, colon), userColonPassword.substring(colon + 1));
    }

    public Http anonymous() {
        return new Http(base, null);
    }

    public String base() {
        return base;
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply send(String method, String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Reply send(String method, String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Reply send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    response.headers().firstValue("Location"), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Reply(int status, String body, Optional<String> location, String contentType, byte[] bytes,
                        HttpHeaders headers) {
        public JsonValue json() {
            try {
                return Json.createReader(new StringReader(body)).readValue();
            } catch (RuntimeException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        public JsonObject object() {
            return json().asJsonObject();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The Server-Timing header's metrics in order, "a;dur=1.5, b;dur=2" -> {a=1.5, b=2.0}; none: empty. */
        public Map<String, Double> serverTimings() {
            Map<String, Double> timings = new LinkedHashMap<>();
            String header = header("Server-Timing");
            if (header != null) {
                for (String metric : header.split(",\\s*")) {
                    String[] parts = metric.split(";dur=");
                    timings.put(parts[0], Double.parseDouble(parts[1]));
                }
            }
            return timings;
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
        }
    }
}
