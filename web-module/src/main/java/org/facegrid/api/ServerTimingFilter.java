package org.facegrid.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.facegrid.recognition.RequestTimings;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Puts the node's own timings of a request (see {@link RequestTimings}) into the Server-Timing header. */
@Provider
public class ServerTimingFilter implements ContainerResponseFilter {
    @Inject
    RequestTimings timings;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Map<String, Double> millis = timings.millis();
        if (!millis.isEmpty()) {
            response.getHeaders().putSingle("Server-Timing", millis.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s;dur=%.2f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ")));
        }
    }
}
