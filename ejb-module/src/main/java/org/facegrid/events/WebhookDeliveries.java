package org.facegrid.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import org.facegrid.json.JsonFactory;
import org.facegrid.store.CacheOf;
import org.facegrid.store.DataCache;
import org.infinispan.Cache;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What became of each alert sent to the webhook, for integrators who wonder why an alert did not arrive: the
 * delivery's event, URL, attempts, the last HTTP status or error, and whether it was delivered, failed for good
 * or is still being retried. The latest {@value #KEPT} are kept, in the replicated webhook-deliveries cache, so
 * every node shows them ({@code GET /api/v1/settings/alerts/deliveries}). Recording never disturbs a delivery.
 */
@ApplicationScoped
public class WebhookDeliveries {
    private static final Logger LOG = Logger.getLogger(WebhookDeliveries.class.getName());
    static final int KEPT = 200;

    /** Where a delivery stands. */
    public enum Status { RETRYING, DELIVERED, FAILED }

    @Inject
    @CacheOf(DataCache.WEBHOOK_DELIVERIES)
    private Cache<String, String> deliveries;

    public WebhookDeliveries() {
    }

    WebhookDeliveries(Cache<String, String> deliveries) {
        this.deliveries = deliveries;
    }

    /** A new delivery of {@code eventId}'s alert to {@code url}; its id, which sorts by time. */
    public String begin(String eventId, String url) {
        long now = System.currentTimeMillis();
        String id = String.format("%013d-%s", now, UUID.randomUUID().toString().substring(0, 8));
        write(id, JsonFactory.createObjectBuilder().add("id", id).add("eventId", eventId).add("url", url)
                .add("createdAt", JsonFactory.instant(now)).add("attempts", 0)
                .add("status", Status.RETRYING.name().toLowerCase()).build());
        trim();
        return id;
    }

    /** One attempt: the HTTP status the receiver answered (null when none), or why it could not be reached. */
    public void attempted(String id, Integer httpStatus, String error) {
        update(id, (current, json) -> {
            json.add("attempts", current.getInt("attempts", 0) + 1)
                    .add("lastAttemptAt", JsonFactory.instant(System.currentTimeMillis()));
            if (httpStatus == null) {
                json.addNull("httpStatus");
            } else {
                json.add("httpStatus", httpStatus);
            }
            if (error == null) {
                json.addNull("error");
            } else {
                json.add("error", error);
            }
        });
    }

    /** The delivery's end: delivered, or given up after its last retry. */
    public void ended(String id, Status status) {
        update(id, (current, json) -> json.add("status", status.name().toLowerCase()));
    }

    /** The deliveries kept, newest first. */
    public List<JsonObject> latest() {
        List<String> ids = new ArrayList<>(deliveries.keySet());
        ids.sort(Comparator.reverseOrder());
        List<JsonObject> latest = new ArrayList<>();
        ids.forEach(id -> read(id).ifPresent(latest::add));
        return latest;
    }

    /** Rewrites a delivery's record: {@code change} gets the record as read and a builder starting from it. */
    private void update(String id, BiConsumer<JsonObject, JsonObjectBuilder> change) {
        try {
            read(id).ifPresent(json -> {
                JsonObjectBuilder next = JsonFactory.createObjectBuilder(json);
                change.accept(json, next);
                write(id, next.build());
            });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "webhook delivery " + id + " not recorded", e);
        }
    }

    private Optional<JsonObject> read(String id) {
        String text = deliveries.get(id);
        if (text == null) {
            return Optional.empty();
        }
        try (JsonReader reader = JsonFactory.createReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            return Optional.of(reader.readObject());
        }
    }

    /** Only the delivery's own thread writes its record: one attempt at a time. */
    private void write(String id, JsonObject json) {
        try {
            deliveries.put(id, json.toString());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "webhook delivery " + id + " not recorded", e); // a minority side: the log is for people
        }
    }

    private void trim() {
        try {
            List<String> ids = new ArrayList<>(deliveries.keySet());
            if (ids.size() > KEPT) {
                ids.sort(Comparator.naturalOrder());
                ids.subList(0, ids.size() - KEPT).forEach(deliveries::remove);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "webhook deliveries not trimmed this time", e);
        }
    }
}
