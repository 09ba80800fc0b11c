package org.facegrid.balancing;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.facegrid.api.Roles;
import org.facegrid.cluster.BalancerMode;
import org.facegrid.cluster.ClusterMembership;
import org.facegrid.cluster.ClusterView;
import org.facegrid.cluster.NodeIdentity;
import org.facegrid.cluster.OperatorSwitches;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The software load balancer (seed 000, 2.2.2 and 3.4). In {@code software} mode the primary passes each
 * recognition, detection and verification it receives to the node in rotation with the fewest requests
 * outstanding, itself included; a data-only node passes them on in every mode. A request that fails because
 * the chosen node failed (no connection, or the node answered 502/503) is retried once on another node:
 * these requests change nothing but an optional event, so a retry is safe. Enrolments and every other write
 * are never passed on, so never run twice. Every answer names the node that computed it in
 * {@value #NODE_HEADER}.
 */
@WebFilter(urlPatterns = {"/api/v1/recognitions", "/api/v1/detections", "/api/v1/verifications"})
public class RecognitionBalancer implements Filter {
    private static final Logger LOG = Logger.getLogger(RecognitionBalancer.class.getName());
    public static final String NODE_HEADER = "X-FaceGrid-Node";
    /** Marks a request one node passed to another: the receiver computes it itself. */
    static final String FORWARDED_HEADER = "X-FaceGrid-Forwarded-By";
    /** Bodies larger than this are computed where they arrive (the resource answers 413 for too large ones). */
    static final long MAX_FORWARDED_BYTES = 40L * 1024 * 1024;
    private static final long ROTATION_MAX_AGE_MS = 1_000;

    @EJB
    ClusterMembership membership;

    @Inject
    ClusterView view;

    @Inject
    OperatorSwitches switches;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, AtomicInteger> outstanding = new ConcurrentHashMap<>();
    /** Who this node is: fixed for the server's life, so read once rather than through the EJB per request. */
    private final NodeIdentity identity = NodeIdentity.fromSystemProperties();
    private volatile Rotation rotation = new Rotation(List.of(), BalancerMode.DEFAULT);
    private volatile long rotationReadAt;

    /** The nodes in rotation and the balancing mode, as last read (both are cluster state, read once a second). */
    private record Rotation(List<String> endpoints, BalancerMode mode) {
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String self = identity.url();
        if (!shouldBalance(request)) {
            computeHere(request, response, chain, self);
            return;
        }
        List<String> candidates = rotation().endpoints();
        if (!identity.takesTraffic()) {
            candidates = candidates.stream().filter(url -> !url.equals(self)).toList();
        }
        Optional<String> first = leastOutstanding(candidates, null);
        long length = request.getContentLengthLong();
        if (first.isEmpty() || first.get().equals(self) || length < 0 || length > MAX_FORWARDED_BYTES) {
            computeHere(request, response, chain, self);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        HttpResponse<byte[]> answer = forward(request, body, first.get());
        if (answer == null) {
            Optional<String> second = leastOutstanding(candidates, first.get());
            if (second.isEmpty() || second.get().equals(self)) {
                computeHere(new BufferedRequest(request, body), response, chain, self);
                return;
            }
            answer = forward(request, body, second.get());
            if (answer == null) {
                response.setStatus(502);
                response.setContentType("application/json");
                response.getWriter().write("{\"code\":\"node_failed\",\"message\":\"the nodes chosen for this request ("
                        + first.get() + ", " + second.get() + ") failed; send it again\",\"details\":[]}");
                return;
            }
        }
        copy(answer, response);
    }

    /**
     * Passed on only by the primary in software mode, or by a data-only node; never a request already passed on,
     * and never a caller's request the resource would refuse anyway (it is refused here, with the same answer).
     */
    private boolean shouldBalance(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || request.getHeader(FORWARDED_HEADER) != null
                || !(request.isUserInRole(Roles.ADMIN) || request.isUserInRole(Roles.OPERATOR))) {
            return false;
        }
        return !identity.takesTraffic() || (membership.isPrimary() && rotation().mode() == BalancerMode.SOFTWARE);
    }

    private void computeHere(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String self)
            throws IOException, ServletException {
        AtomicInteger count = outstanding.computeIfAbsent(self, u -> new AtomicInteger());
        count.incrementAndGet();
        try {
            response.setHeader(NODE_HEADER, identity.name());
            chain.doFilter(request, response);
        } finally {
            count.decrementAndGet();
        }
    }

    /** The answer of the node at {@code url}; null when the node failed (a retry elsewhere is in order). */
    private HttpResponse<byte[]> forward(HttpServletRequest request, byte[] body, String url) {
        AtomicInteger count = outstanding.computeIfAbsent(url, u -> new AtomicInteger());
        count.incrementAndGet();
        try {
            String query = request.getQueryString();
            HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(url + request.getRequestURI()
                            + (query == null ? "" : "?" + query)))
                    .timeout(Duration.ofSeconds(120))
                    .header(FORWARDED_HEADER, identity.name())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : List.of("Authorization", "Content-Type", "Accept")) {
                String value = request.getHeader(name);
                if (value != null) {
                    out.header(name, value);
                }
            }
            HttpResponse<byte[]> answer = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() == 502 || answer.statusCode() == 503) {
                LOG.fine(() -> url + " answered " + answer.statusCode() + "; trying another node");
                return null;
            }
            return answer;
        } catch (IOException e) {
            LOG.log(Level.INFO, "FGBAL001: " + url + " failed a passed-on request (" + e + "); trying another node");
            rotationReadAt = 0; // read the rotation again: the node may have left it
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            count.decrementAndGet();
        }
    }

    private static void copy(HttpResponse<byte[]> answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.statusCode());
        for (String name : List.of("Content-Type", "Server-Timing", NODE_HEADER, "Retry-After")) {
            answer.headers().firstValue(name).ifPresent(value -> response.setHeader(name, value));
        }
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    /** The candidate with the fewest requests outstanding from this node, other than {@code excluded}. */
    private Optional<String> leastOutstanding(List<String> candidates, String excluded) {
        return candidates.stream().filter(url -> !url.equals(excluded))
                .min(Comparator.comparingInt(url -> outstanding.computeIfAbsent(url, u -> new AtomicInteger()).get()));
    }

    /** The rotation, read again when older than a second; the last one read while the cluster state is unreadable. */
    private Rotation rotation() {
        long now = System.currentTimeMillis();
        if (now - rotationReadAt > ROTATION_MAX_AGE_MS) {
            try {
                rotation = new Rotation(view.endpoints(), switches.balancerMode());
                rotationReadAt = now;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "rotation unreadable; keeping the last one", e);
            }
        }
        return rotation;
    }

    /** A request whose body was read already, for computing it here after a failed pass-on. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }
}
