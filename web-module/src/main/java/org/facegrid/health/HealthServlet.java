package org.facegrid.health;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * MicroProfile Health on the application port: {@code /health}, {@code /health/live}, {@code /health/ready},
 * {@code /health/started}. 200 when UP, 503 when DOWN, the specification's JSON either way.
 * (A domain server has no HTTP management interface, so the server's own health subsystem cannot run.)
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthServlet extends HttpServlet {

    @Inject
    SmallRyeHealthReporter reporter;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        SmallRyeHealth health = switch (path) {
            case "", "/" -> reporter.getHealth();
            case "/live" -> reporter.getLiveness();
            case "/ready" -> reporter.getReadiness();
            case "/started" -> reporter.getStartup();
            default -> null;
        };
        if (health == null) {
            response.setStatus(404);
            response.setContentType("application/json");
            response.getWriter().write("{\"code\":\"not_found\",\"message\":\"health endpoints are /health, "
                    + "/health/live, /health/ready and /health/started\",\"details\":[]}");
            return;
        }
        response.setStatus(health.isDown() ? 503 : 200);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        // rendered first: a probe that gave up and closed its connection must not end in the log as an error
        java.io.ByteArrayOutputStream report = new java.io.ByteArrayOutputStream();
        reporter.reportHealth(report, health);
        try {
            response.getOutputStream().write(report.toByteArray());
        } catch (IOException clientGone) {
            // the load balancer asks again
        }
    }
}
