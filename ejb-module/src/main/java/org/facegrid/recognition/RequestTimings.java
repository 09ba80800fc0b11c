package org.facegrid.recognition;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the time of one API request went inside the node: waiting for a recognition slot ("queue"), the face
 * pipeline ("analyse" or "detect"), the gallery search ("search") and, for an enrolment, storing the template and
 * its crop ("store"), in milliseconds. The API returns them in the standard Server-Timing header, so a client
 * (or a browser's developer tools) sees what the node itself spent and, by difference, what HTTP and the API
 * around it cost.
 */
@RequestScoped
public class RequestTimings {
    private final Map<String, Double> millis = new LinkedHashMap<>();

    /** Adds to a metric; outside an HTTP request (no request scope) there is nobody to tell, so nothing happens. */
    public static void add(RequestTimings timings, String metric, long nanos) {
        try {
            timings.add(metric, nanos);
        } catch (ContextNotActiveException e) {
            // a call outside an HTTP request: nothing to report to
        }
    }

    synchronized void add(String metric, long nanos) {
        millis.merge(metric, nanos / 1e6, Double::sum);
    }

    public synchronized Map<String, Double> millis() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(millis));
    }
}
