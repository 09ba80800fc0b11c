package org.facegrid.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.cluster.ClusterView;
import org.facegrid.cluster.NodeIdentity;
import org.facegrid.cluster.NodeRecord;
import org.facegrid.cluster.NodeRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The other data nodes' object stores, over their {@code /internal/objects/KEY} endpoint (each answers from its
 * own disk only). The storage nodes are the data nodes of the node registry, re-read every
 * {@value #REFRESH_MS} ms; a node is up while it is in this side's view. A node that fails or times out is
 * deprioritised for {@value #DEPRIORITISE_MS} ms: asked last, so one slow disk does not slow every read.
 */
@ApplicationScoped
public class ObjectPeers {
    private static final Logger LOG = Logger.getLogger(ObjectPeers.class.getName());
    static final long REFRESH_MS = 10_000;
    static final long DEPRIORITISE_MS = 60_000;
    public static final String KEY_HEADER = "X-FaceGrid-Cluster-Key";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    NodeRegistry registry;

    @Inject
    ClusterView view;

    @Inject
    StorageSettings settings;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, Long> slowUntil = new ConcurrentHashMap<>();
    private volatile List<NodeRecord> dataNodes = List.of();
    private volatile long readAt;

    /** A storage node and whether it is in the view now. */
    public record Peer(String name, String url, boolean up) {
    }

    /** This node's name. */
    public String self() {
        return registry.identity().name();
    }

    public boolean selfStores() {
        return !NodeIdentity.SIMPLE.equals(registry.identity().dataRole());
    }

    /** Every data node (this one included), by name. */
    public List<Peer> storageNodes() {
        long now = System.currentTimeMillis();
        if (now - readAt > REFRESH_MS || dataNodes.isEmpty()) {
            try {
                dataNodes = registry.nodeRecords().stream()
                        .filter(r -> !NodeIdentity.SIMPLE.equals(r.dataRole()))
                        .sorted(Comparator.comparing(NodeRecord::name)).toList();
                readAt = now;
            } catch (RuntimeException unavailable) {
                // a minority side: the last list read
            }
        }
        return dataNodes.stream().map(r -> new Peer(r.name(), r.url(), view.inView(r.memberName()))).toList();
    }

    /** The storage node of that name, when it is in the view now. */
    public Optional<Peer> findUp(String name) {
        return storageNodes().stream().filter(p -> p.name().equals(name) && p.up()).findFirst();
    }

    /** The other storage nodes that are up, the deprioritised ones last. */
    public List<Peer> othersUp() {
        long now = System.currentTimeMillis();
        List<Peer> up = new ArrayList<>(storageNodes().stream()
                .filter(p -> p.up() && !p.name().equals(self())).toList());
        up.sort(Comparator.comparing(p -> slowUntil.getOrDefault(p.name(), 0L) > now));
        return up;
    }

    /** What a node answered about its copy of an object. */
    public enum Answer { FOUND, ABSENT, NO_ANSWER }

    /** The answer, with the bytes and content type when FOUND. */
    public record Fetched(Answer answer, byte[] bytes, String contentType) {
        static final Fetched ABSENT = new Fetched(Answer.ABSENT, null, null);
        static final Fetched NO_ANSWER = new Fetched(Answer.NO_ANSWER, null, null);

        public boolean found() {
            return answer == Answer.FOUND;
        }
    }

    public Fetched get(Peer peer, String key) {
        try {
            HttpResponse<byte[]> reply = client.send(request(peer, key).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String type = reply.headers().firstValue("Content-Type").orElse("application/octet-stream");
            if (reply.statusCode() == 200) {
                answered(peer);
                return new Fetched(Answer.FOUND, reply.body(), type);
            }
            if (fromEndpoint(reply.statusCode(), type)) {
                answered(peer);
                return Fetched.ABSENT;
            }
            failed(peer, "GET " + key + " answered " + reply.statusCode());
        } catch (Exception e) {
            failed(peer, "GET " + key + ": " + e);
        }
        return Fetched.NO_ANSWER;
    }

    /**
     * A 404 of the endpoint itself (JSON), not of a web server whose application is still deploying (HTML):
     * only the first says the node has no such object.
     */
    private static boolean fromEndpoint(int status, String contentType) {
        return status == 404 && contentType.startsWith("application/json");
    }

    /** True when the node stored the object. */
    public boolean put(Peer peer, String key, String contentType, byte[] bytes) {
        try {
            int status = client.send(request(peer, key).header("Content-Type", contentType)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status == 204) {
                answered(peer);
                return true;
            }
            failed(peer, "PUT " + key + " answered " + status);
        } catch (Exception e) {
            failed(peer, "PUT " + key + ": " + e);
        }
        return false;
    }

    /** Whether the node deleted the object (false: it had none); empty when it did not answer. */
    public Optional<Boolean> delete(Peer peer, String key) {
        try {
            HttpResponse<Void> reply = client.send(request(peer, key).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
            String type = reply.headers().firstValue("Content-Type").orElse("");
            if (reply.statusCode() == 204 || fromEndpoint(reply.statusCode(), type)) {
                answered(peer);
                return Optional.of(reply.statusCode() == 204);
            }
            failed(peer, "DELETE " + key + " answered " + reply.statusCode());
        } catch (Exception e) {
            failed(peer, "DELETE " + key + ": " + e);
        }
        return Optional.empty();
    }

    /** Asks the node at {@code url} to write its probe file into {@code dir}; the problem when it did not. */
    public Optional<String> probe(String url, Path dir, String token) {
        URI uri = URI.create(url + SharedDirectoryProbe.PATH + "?dir=" + URLEncoder.encode(dir.toString(),
                StandardCharsets.UTF_8) + "&token=" + token);
        try {
            HttpResponse<String> reply = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header(KEY_HEADER, settings.clusterKey()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return reply.statusCode() == 204 ? Optional.empty()
                    : Optional.of("answered " + reply.statusCode() + ": " + reply.body());
        } catch (IOException e) {
            return Optional.of("did not answer (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private HttpRequest.Builder request(Peer peer, String key) {
        // keys are checked segments, but encode each one anyway: the URL must say exactly this key
        StringBuilder path = new StringBuilder();
        for (String segment : key.split("/")) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8));
        }
        return HttpRequest.newBuilder(URI.create(peer.url() + "/internal/objects" + path))
                .timeout(TIMEOUT).header(KEY_HEADER, settings.clusterKey());
    }

    private void failed(Peer peer, String what) {
        long now = System.currentTimeMillis();
        Long before = slowUntil.put(peer.name(), now + DEPRIORITISE_MS);
        if (before == null || before < now) {
            LOG.warning(() -> "FGOBJ020: storage node " + peer.name() + " deprioritised for "
                    + DEPRIORITISE_MS / 1000 + " s: " + what);
        }
    }

    private void answered(Peer peer) {
        slowUntil.remove(peer.name());
    }
}
