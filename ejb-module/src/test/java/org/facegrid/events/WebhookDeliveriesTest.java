package org.facegrid.events;

import jakarta.json.JsonObject;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhook delivery log on a real (local) cache: attempts, outcome, newest first, the latest kept. */
class WebhookDeliveriesTest {
    private DefaultCacheManager caches;
    private WebhookDeliveries deliveries;

    @BeforeEach
    void start() {
        caches = new DefaultCacheManager();
        caches.defineConfiguration("webhook-deliveries", new ConfigurationBuilder().build());
        Cache<String, String> cache = caches.getCache("webhook-deliveries");
        deliveries = new WebhookDeliveries(cache);
    }

    @AfterEach
    void stop() {
        caches.stop();
    }

    @Test
    void eachAttemptAndTheOutcomeAreRecorded() {
        String id = deliveries.begin("event-1", "http://127.0.0.1:9/hook");
        assertEquals("retrying", deliveries.latest().get(0).getString("status"));
        deliveries.attempted(id, null, "no answer: connection refused");
        deliveries.attempted(id, 503, "answered HTTP 503");
        deliveries.attempted(id, 200, null);
        deliveries.ended(id, WebhookDeliveries.Status.DELIVERED);
        JsonObject record = deliveries.latest().get(0);
        assertEquals("event-1", record.getString("eventId"));
        assertEquals(3, record.getInt("attempts"));
        assertEquals(200, record.getInt("httpStatus"));
        assertTrue(record.isNull("error"), record.toString());
        assertEquals("delivered", record.getString("status"));
    }

    @Test
    void newestFirstAndOnlyTheLatestAreKept() throws InterruptedException {
        String first = deliveries.begin("event-a", "http://127.0.0.1:9/hook");
        for (int i = 0; i < WebhookDeliveries.KEPT + 5; i++) {
            deliveries.begin("event-" + i, "http://127.0.0.1:9/hook");
        }
        List<JsonObject> latest = deliveries.latest();
        assertEquals(WebhookDeliveries.KEPT, latest.size());
        assertTrue(latest.stream().noneMatch(d -> d.getString("id").equals(first)), "the oldest is dropped");
        assertTrue(latest.get(0).getString("id").compareTo(latest.get(latest.size() - 1).getString("id")) > 0);
        deliveries.attempted("unknown", 200, null); // a record already dropped: nothing happens
        assertEquals(WebhookDeliveries.KEPT, deliveries.latest().size());
    }
}
