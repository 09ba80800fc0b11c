package org.facegrid.it;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events, alerts, the alert webhook and reports through the API. */
@ExtendWith(ArquillianExtension.class)
class EventsApiIT {
    private final Http http = Deployments.server();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.facegridEar();
    }

    private JsonObject recognise(byte[] image, String query) {
        Http.Reply reply = http.send("POST", "/api/v1/recognitions" + query, "image/jpeg", image);
        assertEquals(200, reply.status(), reply.toString());
        return reply.object();
    }

    private JsonArray items(String query) {
        Http.Reply reply = http.get("/api/v1/events" + query);
        assertEquals(200, reply.status(), reply.toString());
        return reply.object().getJsonArray("items");
    }

    @Test
    void eventsAreRecordedPerFeedAndPagedWithACursor() {
        String feed = "feed-" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject noEvent = recognise(TestImages.noFacePng(), "");
        assertTrue(noEvent.isNull("eventId"), "no feed, no storeEvent: nothing recorded");
        for (int i = 0; i < 3; i++) {
            assertFalse(recognise(TestImages.noFacePng(), "?feedId=" + feed).isNull("eventId"));
        }
        JsonObject page1 = http.get("/api/v1/events?feedId=" + feed + "&limit=2").object();
        assertEquals(2, page1.getJsonArray("items").size());
        String cursor = page1.getString("nextCursor");
        JsonObject page2 = http.get("/api/v1/events?feedId=" + feed + "&limit=2&cursor=" + cursor).object();
        assertEquals(1, page2.getJsonArray("items").size());
        assertTrue(page2.getJsonArray("items").getJsonObject(0).getString("id").compareTo(cursor) < 0, "older than the cursor");
        assertEquals(feed, page2.getJsonArray("items").getJsonObject(0).getString("feedId"));

        // storeEvent=false wins over a feed
        assertTrue(recognise(TestImages.noFacePng(), "?feedId=" + feed + "&storeEvent=false").isNull("eventId"));
        assertEquals(3, items("?feedId=" + feed).size());

        JsonObject feeds = http.get("/api/v1/reports/feeds").object();
        assertTrue(feeds.getJsonArray("rows").stream().map(JsonObject.class::cast)
                .anyMatch(r -> r.getString("feedId").equals(feed) && r.getInt("count") == 3), feeds.toString());

        for (String bad : new String[] {"?limit=0", "?since=yesterday", "?cursor=abc", "?matched=maybe",
                "?since=2026-01-01T00:00:00Z&until=2026-03-01T00:00:00Z"}) {
            Http.Reply reply = http.get("/api/v1/events" + bad);
            assertEquals(400, reply.status(), bad + ": " + reply);
            assertEquals("invalid_input", reply.object().getString("code"));
        }
        assertEquals("event_not_found", http.get("/api/v1/events/0000000000000-000000000000").object().getString("code"));
    }

    @Test
    void aWatchlistedPersonRaisesAnAlertThatReachesTheWebhookDespiteFailures() throws Exception {
        Path obama = TestImages.sharedFaces("dev").resolve("barack_obama");
        List<Path> photos = TestImages.photos(obama);
        AtomicInteger attempts = new AtomicInteger();
        List<String> delivered = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean fail = attempts.incrementAndGet() <= 2; // the first two attempts fail: retries must follow
            if (!fail) {
                delivered.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(fail ? 503 : 200, -1);
            exchange.close();
        });
        receiver.start();
        String personId = null;
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            Http.Reply set = http.put("/api/v1/settings/alerts", "{\"webhookUrl\":\"" + url + "\"}");
            assertEquals(200, set.status(), set.toString());
            assertEquals(400, http.put("/api/v1/settings/alerts", "{\"webhookUrl\":\"ftp://x\"}").status());

            personId = http.post("/api/v1/persons", "{\"name\":\"Watched Obama\",\"watchlists\":[\"vip\"]}")
                    .object().getString("id");
            assertEquals(201, http.send("POST", "/api/v1/persons/" + personId + "/faces?pick=largest", "image/jpeg",
                    TestImages.read(photos.get(0))).status());
            String feed = "alert-" + UUID.randomUUID().toString().substring(0, 8);
            JsonObject result = recognise(TestImages.read(photos.get(1)), "?feedId=" + feed + "&maxMatches=20");
            assertTrue(result.getBoolean("alert"), result.toString());
            // the first retry waits 250 ms: had recognition waited for the webhook, the delivery would be done
            assertTrue(delivered.isEmpty(), "recognition answered before the webhook delivery");
            String eventId = result.getString("eventId");

            JsonObject event = http.get("/api/v1/events/" + eventId).object();
            assertTrue(event.getBoolean("alert"));
            assertTrue(event.getBoolean("matched"));
            Http.Reply image = http.get("/api/v1/events/" + eventId + "/image");
            assertEquals(200, image.status());
            assertEquals("image/jpeg", image.contentType());
            JsonArray alerts = http.get("/api/v1/alerts").object().getJsonArray("items");
            assertTrue(alerts.stream().anyMatch(a -> a.asJsonObject().getString("id").equals(eventId)), alerts.toString());
            String watched = personId;
            assertTrue(items("?personId=" + personId).stream()
                    .anyMatch(e -> e.asJsonObject().getString("id").equals(eventId)));

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (delivered.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(1, delivered.size(), "delivered once, after " + attempts.get() + " attempts");
            assertEquals(3, attempts.get(), "two failures, then the delivery");
            JsonObject sent = Json.createReader(new StringReader(delivered.get(0))).readObject();
            assertEquals(eventId, sent.getString("id"));
            // what became of the delivery is readable through the API: its attempts, last status, outcome
            JsonObject delivery = null;
            while (System.nanoTime() < deadline && delivery == null) {
                delivery = http.get("/api/v1/settings/alerts/deliveries").object().getJsonArray("items")
                        .getValuesAs(JsonObject.class).stream().filter(d -> d.getString("eventId").equals(eventId))
                        .filter(d -> d.getString("status").equals("delivered")).findFirst().orElse(null);
                Thread.sleep(100);
            }
            assertTrue(delivery != null, "no delivered record of " + eventId);
            assertEquals(3, delivery.getInt("attempts"), delivery.toString());
            assertEquals(200, delivery.getInt("httpStatus"), delivery.toString());
            assertEquals(url, delivery.getString("url"));
            java.time.Instant.parse(delivery.getString("lastAttemptAt"));

            JsonObject persons = http.get("/api/v1/reports/persons").object();
            assertTrue(persons.getJsonArray("rows").stream().map(JsonObject.class::cast)
                    .anyMatch(r -> r.getString("personId").equals(watched) && r.getInt("count") >= 1), persons.toString());
            assertTrue(http.get("/api/v1/reports/hours").object().getJsonNumber("total").longValue() >= 1);

            // deleting the person with purgeEvents removes their events and event images
            assertEquals(204, http.delete("/api/v1/persons/" + personId + "?purgeEvents=true").status());
            assertEquals(404, http.get("/api/v1/events/" + eventId).status());
            assertTrue(items("?personId=" + personId).isEmpty());
        } finally {
            if (personId != null) { // the recognition tests share this server's gallery
                http.delete("/api/v1/persons/" + personId + "?purgeEvents=true");
            }
            http.put("/api/v1/settings/alerts", "{\"webhookUrl\":null}");
            receiver.stop(0);
        }
        assertTrue(http.get("/api/v1/settings/alerts").object().isNull("webhookUrl"));
    }
}
