package org.facegrid.events;

import org.facegrid.problem.InvalidInputException;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event log and its indexes on real (local) Infinispan caches. */
class EventLogTest {
    private static final long T0 = 1_795_000_000_000L; // some hour in 2026
    private static final long HOUR = 3_600_000L;

    private DefaultCacheManager caches;
    private Cache<String, String> index;
    private EventLog log;

    @BeforeEach
    void startCaches() {
        caches = new DefaultCacheManager();
        caches.defineConfiguration("events", new ConfigurationBuilder().build());
        caches.defineConfiguration("event-index", new ConfigurationBuilder().build());
        Cache<String, byte[]> events = caches.getCache("events");
        index = caches.getCache("event-index");
        log = new EventLog(events, index);
    }

    @AfterEach
    void stopCaches() {
        caches.stop();
    }

    private static EventFace known(String personId, List<String> watchlists) {
        return new EventFace(1, 2, 100, 120, 0.9f, personId, "Name of " + personId, 0.4f, watchlists);
    }

    private static EventFace unknown() {
        return new EventFace(1, 2, 80, 90, 0.8f, null, null, 0f, List.of());
    }

    private Event record(long time, String feed, EventFace... faces) {
        boolean alert = List.of(faces).stream().anyMatch(f -> !f.watchlists().isEmpty());
        Event event = new Event(EventLog.newId(time), time, "node1", feed, List.of(faces), alert, null,
                Event.SCHEMA_VERSION);
        log.record(event);
        return event;
    }

    private static EventQuery query(Long since, Long until, String person, String feed, Boolean matched, Boolean alert,
                                    Integer limit, String cursor) {
        return EventQuery.of(since, until, person, feed, matched, null, alert, limit, cursor, T0 + 10 * HOUR);
    }

    private static List<String> ids(EventPage page) {
        return page.items().stream().map(Event::id).toList();
    }

    @Test
    void listsNewestFirstAcrossHoursWithEveryFilter() {
        Event a = record(T0 + 1_000, "gate", known("p1", List.of()));
        Event b = record(T0 + HOUR + 5, "door", unknown());
        Event c = record(T0 + 2 * HOUR + 7, "gate", known("p2", List.of("vip")), unknown());
        Event d = record(T0 + 3 * HOUR, null, known("p1", List.of()));

        long since = T0;
        long until = T0 + 4 * HOUR;
        assertEquals(List.of(d.id(), c.id(), b.id(), a.id()), ids(log.list(query(since, until, null, null, null, null, null, null))));
        assertEquals(List.of(d.id(), a.id()), ids(log.list(query(since, until, "p1", null, null, null, null, null))));
        assertEquals(List.of(c.id(), a.id()), ids(log.list(query(since, until, null, "gate", null, null, null, null))));
        assertEquals(List.of(c.id()), ids(log.list(query(since, until, null, null, null, true, null, null))));
        assertEquals(List.of(b.id()), ids(log.list(query(since, until, null, null, false, null, null, null))),
                "matched=false: no face matched (c matched p2 besides its unknown face)");
        assertEquals(List.of(c.id(), b.id()), ids(log.list(EventQuery.of(since, until, null, null, null, true, null,
                null, null, T0 + 10 * HOUR))), "unknown=true: some face matched nobody");
        assertEquals(List.of(d.id(), a.id()), ids(log.list(EventQuery.of(since, until, null, null, null, false, null,
                null, null, T0 + 10 * HOUR))), "unknown=false");
        assertEquals(List.of(d.id(), c.id(), a.id()), ids(log.list(query(since, until, null, null, true, null, null, null))));
        // the range is half-open and honoured to the millisecond
        assertEquals(List.of(c.id(), b.id()), ids(log.list(query(T0 + 1_001, T0 + 3 * HOUR, null, null, null, null, null, null))));
        Event read = log.find(a.id()).orElseThrow();
        assertEquals(List.of(a.id(), "gate", "p1", "Name of p1"), List.of(read.id(), read.feedId(),
                read.faces().get(0).personId(), read.faces().get(0).name()));
        assertEquals(a.time(), read.time());
        assertTrue(log.find("no-such-id").isEmpty());
    }

    @Test
    void cursorPagingVisitsEveryEventOnce() {
        Set<String> recorded = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            recorded.add(record(T0 + i * 600_000L, "feed", unknown()).id()); // every 10 minutes, over 4 hours
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            EventPage page = log.list(query(T0, T0 + 5 * HOUR, null, null, null, null, 7, cursor));
            seen.addAll(ids(page));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(25, seen.size());
        assertEquals(recorded, new HashSet<>(seen));
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, seen, "newest first across pages");
    }

    @Test
    void concurrentWritersNeverLoseAnIndexEntry() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long time = T0 + i;
            futures.add(pool.submit(() -> record(time, "busy", known("p9", List.of())).id()));
        }
        Set<String> written = new HashSet<>();
        for (Future<String> f : futures) {
            written.add(f.get());
        }
        pool.shutdown();
        EventPage all = log.list(query(T0, T0 + HOUR, "p9", null, null, null, 500, null));
        assertEquals(written, new HashSet<>(ids(all)));
        assertEquals(400, log.between(T0, T0 + HOUR).size());
    }

    @Test
    void retentionFindsOldEventsForgetsImagesAndDropsTheIndexHoursOfRemovedEvents() {
        Event old = record(T0, "door", known("p1", List.of()));
        Event older = record(T0 - 2 * HOUR, "door", unknown());
        Event young = record(T0 + 3 * HOUR, "door", known("p1", List.of()));
        assertEquals(List.of(older.id(), old.id()), log.idsBefore(T0 + 1), "oldest first, younger left out");

        Event withImage = new Event(EventLog.newId(T0 + 4 * HOUR), T0 + 4 * HOUR, "node1", "door", List.of(unknown()),
                false, "events/x.jpg", Event.SCHEMA_VERSION);
        log.record(withImage);
        log.forgetImage(withImage);
        Event kept = log.find(withImage.id()).orElseThrow();
        assertEquals(withImage.id(), Event.idOfImageKey(Event.imageKeyOf(withImage.id())));
        assertTrue(Event.imageKeyOf(old.id()).compareTo(Event.imageKeyOf(young.id())) < 0, "image keys sort by time");
        assertNull(kept.imageKey());
        assertEquals(withImage.faces().size(), kept.faces().size(), "the metadata stays");

        log.remove(old.id());
        log.remove(older.id());
        int removed = log.removeIndexHoursBefore(T0 + 2 * HOUR);
        assertTrue(removed >= 4, "time shards, feed, person and unknown entries of two hours: " + removed);
        assertTrue(index.keySet().stream().noneMatch(k -> k.contains(EventIds.hour(T0)) || k.contains(EventIds.hour(T0 - 2 * HOUR))),
                index.keySet().toString());
        assertEquals(EventIds.hour(T0 + 3 * HOUR), index.get("ph/p1"), "the person keeps only the hour still held");
        assertEquals(List.of(young.id(), withImage.id()).stream().sorted().toList(),
                ids(log.list(query(T0 - 3 * HOUR, T0 + 6 * HOUR, null, "door", null, null, null, null))).stream()
                        .sorted().toList());
    }

    @Test
    void purgingAPersonRemovesTheirEventsOnly() {
        Event mine = record(T0, "f", known("gone", List.of()));
        Event mineLater = record(T0 + 5 * HOUR, "f", known("gone", List.of()));
        Event other = record(T0 + 1, "f", known("stays", List.of()));
        List<Event> purged = log.purgePerson("gone");
        assertEquals(Set.of(mine.id(), mineLater.id()), new HashSet<>(purged.stream().map(Event::id).toList()));
        assertTrue(log.find(mine.id()).isEmpty());
        assertEquals(List.of(other.id()), ids(log.list(query(T0, T0 + 6 * HOUR, null, "f", null, null, null, null))));
        assertTrue(log.list(query(T0, T0 + 6 * HOUR, "gone", null, null, null, null, null)).items().isEmpty());
        assertNull(index.get("ph/gone"));
    }

    @Test
    void badQueriesNameTheirParameters() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> query(T0, T0 - 1, null, null, null, null, 0, "bogus"));
        List<String> fields = e.details().stream().map(d -> d.get("field")).toList();
        assertEquals(List.of("since", "limit", "cursor"), fields);
        assertThrows(InvalidInputException.class, () -> query(T0, T0 + 32L * 24 * HOUR, null, null, null, null, null, null));
    }
}
