package org.facegrid.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.facegrid.cluster.WriteGuard;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.store.CacheOf;
import org.facegrid.store.DataCache;
import org.infinispan.Cache;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Alerts to an integrator's URL: when a webhook is configured (the cluster-wide {@code settings} cache), each
 * alert event is POSTed there as JSON, off the recognition thread, retried with growing, jittered delays until
 * the receiver answers 2xx (MicroProfile Fault Tolerance). Recognition never waits for it.
 */
@ApplicationScoped
public class AlertWebhook {
    static final String URL_SETTING = "alerts.webhookUrl";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Inject
    @CacheOf(DataCache.SETTINGS)
    private Cache<String, String> settings;

    @Inject
    WriteGuard writes;

    @Inject
    WebhookDeliveries deliveries;

    public Optional<String> url() {
        return Optional.ofNullable(settings.get(URL_SETTING));
    }

    /** Sets the webhook URL (http or https), or clears it with null. */
    public void setUrl(String url) {
        writes.ensureWritable();
        if (url == null || url.isBlank()) {
            settings.remove(URL_SETTING);
            return;
        }
        try {
            URI uri = URI.create(url.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw InvalidInputException.of("webhookUrl", "must be an http or https URL, not '" + url + "'");
            }
            settings.put(URL_SETTING, uri.toString());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("webhookUrl", "is not a URL: " + e.getMessage());
        }
    }

    /**
     * Delivers one alert, each attempt recorded in {@link WebhookDeliveries} under {@code deliveryId}. Retried up to
     * 6 times over at most a minute (250 ms apart plus up to 200 ms of jitter) when the receiver is unreachable or
     * answers anything but 2xx; completes with the final status.
     */
    @Asynchronous
    @Retry(maxRetries = 6, delay = 250, jitter = 200, maxDuration = 60, durationUnit = ChronoUnit.SECONDS,
            retryOn = IOException.class)
    public CompletionStage<Integer> deliver(String deliveryId, String url, String json) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        int status;
        try {
            status = CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            deliveries.attempted(deliveryId, null, "no answer: " + e);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while delivering to " + url, e);
        }
        deliveries.attempted(deliveryId, status, status / 100 == 2 ? null : "answered HTTP " + status);
        if (status / 100 != 2) {
            throw new IOException("webhook " + url + " answered " + status);
        }
        return CompletableFuture.completedFuture(status);
    }
}
