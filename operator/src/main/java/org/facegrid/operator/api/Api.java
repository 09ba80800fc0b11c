package org.facegrid.operator.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * FaceGrid's REST API as its admin, on the nodes this base dir runs: a request goes to the first node that
 * answers. The credentials travel in a header, never on a command line.
 */
public class Api {
    private static final Duration CONNECT = Duration.ofSeconds(5);
    /** Readiness is polled every second by every wait: one client for all of them. */
    private static final HttpClient READINESS = HttpClient.newBuilder().connectTimeout(CONNECT).build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
    private final List<String> nodeUrls;
    private final String authorization;

    public Api(List<String> nodeUrls, String userAndPassword) {
        this.nodeUrls = List.copyOf(nodeUrls);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    public List<String> nodeUrls() {
        return nodeUrls;
    }

    /** The first node whose liveness answers, or empty when none does. */
    public Optional<String> firstLiveNode() {
        for (String url : nodeUrls) {
            try {
                send(url, "GET", "/health/live", null, Duration.ofSeconds(5));
                return Optional.of(url);
            } catch (IOException notThisOne) {
                // next node
            }
        }
        return Optional.empty();
    }

    /** A JSON request to the first node that answers; empty when none does. */
    public Optional<Reply> request(String method, String path, String json, Duration timeout) {
        for (String url : nodeUrls) {
            try {
                return Optional.of(send(url, method, path, json == null ? null : HttpRequest.BodyPublishers.ofString(json),
                        timeout));
            } catch (IOException notThisOne) {
                // next node
            }
        }
        return Optional.empty();
    }

    public Reply at(String url, String method, String path, String json, Duration timeout) throws IOException {
        return send(url, method, path, json == null ? null : HttpRequest.BodyPublishers.ofString(json), timeout);
    }

    public Reply upload(String url, String path, Path file, Duration timeout) throws IOException {
        return send(url, "PUT", path, HttpRequest.BodyPublishers.ofFile(file), timeout, "application/zip");
    }

    private Reply send(String url, String method, String path, HttpRequest.BodyPublisher body, Duration timeout)
            throws IOException {
        return send(url, method, path, body, timeout, "application/json");
    }

    private Reply send(String url, String method, String path, HttpRequest.BodyPublisher body, Duration timeout,
                       String contentType) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout)
                .header("Authorization", authorization);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, body);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            throw new HttpTimeoutException(method + " " + url + path + " did not answer in " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new ConnectException("nothing answers at " + url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** GET /health/ready of a node, without credentials (load balancers read it so). */
    public static Optional<Readiness> readiness(String url) {
        try {
            HttpResponse<String> response = READINESS.send(
                    HttpRequest.newBuilder(URI.create(url + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Optional.of(Readiness.parse(response.statusCode(), response.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
