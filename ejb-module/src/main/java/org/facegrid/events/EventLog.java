package org.facegrid.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.store.CacheOf;
import org.facegrid.store.CacheReads;
import org.facegrid.store.DataCache;
import org.facegrid.store.ProtoCodec;
import org.infinispan.Cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The event log: events in the {@code events} cache (id -> event), found through indexes FaceGrid keeps in
 * {@code event-index}, never by scanning. An index entry lists the ids of one hour (UTC), one per line:
 * <ul>
 *   <li>{@code t/<hour>/<shard>}: every event, spread over 16 shards so no entry grows too hot;</li>
 *   <li>{@code p/<personId>/<hour>}, {@code f/<feedId>/<hour>}: events of a person, of a feed;</li>
 *   <li>{@code a/<hour>}, {@code m/<hour>}, {@code u/<hour>}: alerts, events with a match, with an unknown face;</li>
 *   <li>{@code ph/<personId>}: the hours that have events of the person (for purging them).</li>
 * </ul>
 * Appends are compare-and-set loops (replace(key, old, new)), so writers on any node never lose an id.
 */
@ApplicationScoped
public class EventLog {
    static final int TIME_SHARDS = 16;
    private static final int MAX_CAS_ATTEMPTS = 100;

    @Inject
    @CacheOf(DataCache.EVENTS)
    private Cache<String, byte[]> events;

    @Inject
    @CacheOf(DataCache.EVENT_INDEX)
    private Cache<String, String> index;

    public EventLog() {
    }

    /** For tests on caches they start themselves. */
    EventLog(Cache<String, byte[]> events, Cache<String, String> index) {
        this.events = events;
        this.index = index;
    }

    /** A new event id for this time. */
    public static String newId(long time) {
        return EventIds.next(time);
    }

    public void record(Event event) {
        events.put(event.id(), ProtoCodec.encode(event));
        String hour = EventIds.hour(event.time());
        append("t/" + hour + "/" + Math.floorMod(event.id().hashCode(), TIME_SHARDS), event.id());
        Set<String> persons = new LinkedHashSet<>();
        event.faces().forEach(f -> {
            if (f.personId() != null) {
                persons.add(f.personId());
            }
        });
        for (String personId : persons) {
            append("p/" + personId + "/" + hour, event.id());
            appendOnce("ph/" + personId, hour);
        }
        if (event.feedId() != null) {
            append("f/" + event.feedId() + "/" + hour, event.id());
        }
        if (event.alert()) {
            append("a/" + hour, event.id());
        }
        if (event.matched()) {
            append("m/" + hour, event.id());
        }
        if (event.hasUnknown()) {
            append("u/" + hour, event.id());
        }
    }

    public Optional<Event> find(String id) {
        if (!EventIds.isValid(id)) {
            return Optional.empty();
        }
        byte[] bytes = events.get(id);
        return bytes == null ? Optional.empty() : Optional.of(ProtoCodec.decode(bytes, Event.class));
    }

    /** One page, newest first, walking the hours of the range backwards through the most selective index. */
    public EventPage list(EventQuery query) {
        List<Event> page = new ArrayList<>(query.limit());
        long newest = query.cursor() == null ? query.until() - 1 : Math.min(query.until() - 1, EventIds.timeOf(query.cursor()));
        for (long hourStart = floorHour(newest); hourStart >= floorHour(query.since()); hourStart -= EventIds.HOUR_MS) {
            List<String> ids = new ArrayList<>(idsOfHour(query, EventIds.hour(hourStart)));
            ids.sort(Comparator.reverseOrder());
            List<String> candidates = new ArrayList<>();
            for (String id : ids) {
                if (query.cursor() == null || id.compareTo(query.cursor()) < 0) {
                    candidates.add(id);
                }
            }
            for (Event event : load(candidates)) {
                if (query.accepts(event)) {
                    page.add(event);
                    if (page.size() == query.limit()) {
                        return new EventPage(page, event.id());
                    }
                }
            }
        }
        return new EventPage(page, null);
    }

    /** Every event of the range, oldest first (for reports: bounded by the range, read through the time index). */
    public List<Event> between(long since, long until) {
        List<Event> found = new ArrayList<>();
        for (long hourStart = floorHour(since); hourStart < until; hourStart += EventIds.HOUR_MS) {
            List<String> ids = new ArrayList<>(timeIds(EventIds.hour(hourStart)));
            ids.sort(Comparator.naturalOrder());
            for (Event event : load(ids)) {
                if (event.time() >= since && event.time() < until) {
                    found.add(event);
                }
            }
        }
        return found;
    }

    /** Removes every event of the person (and returns them, so the caller can delete their images). */
    public List<Event> purgePerson(String personId) {
        List<Event> removed = new ArrayList<>();
        for (String hour : lines(index.get("ph/" + personId))) {
            String key = "p/" + personId + "/" + hour;
            for (Event event : load(new ArrayList<>(lines(index.get(key))))) {
                events.remove(event.id());
                removed.add(event);
            }
            index.remove(key);
        }
        index.remove("ph/" + personId);
        return removed;
    }

    // --- retention ---

    /** The ids of every event older than {@code cutoff}, oldest first (keys only cross the wire). */
    public List<String> idsBefore(long cutoff) {
        List<String> ids = new ArrayList<>();
        for (String id : CacheReads.allKeys(events)) {
            if (EventIds.isValid(id) && EventIds.timeOf(id) < cutoff) {
                ids.add(id);
            }
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    /** The events of these ids that still exist, in the same order. */
    public List<Event> events(List<String> ids) {
        return load(ids);
    }

    /** Keeps the event's metadata and forgets its image (the caller deleted the object). */
    public void forgetImage(Event event) {
        events.put(event.id(), ProtoCodec.encode(new Event(event.id(), event.time(), event.node(), event.feedId(),
                event.faces(), event.alert(), null, event.schemaVersion())));
    }

    public void remove(String id) {
        events.remove(id);
    }

    /**
     * Drops the index entries of every hour before {@code cutoff}'s hour (their events were removed), and those
     * hours from each person's list of hours; returns how many entries went.
     */
    public int removeIndexHoursBefore(long cutoff) {
        String cutoffHour = EventIds.hour(cutoff);
        int removed = 0;
        for (String key : CacheReads.allKeys(index)) {
            String[] parts = key.split("/");
            if (parts[0].equals("ph")) {
                removed += dropHoursOfPerson(key, cutoffHour);
                continue;
            }
            String hour = parts[0].equals("t") ? parts[1] : parts[parts.length - 1];
            if (hour.compareTo(cutoffHour) < 0) {
                index.remove(key);
                removed++;
            }
        }
        return removed;
    }

    private int dropHoursOfPerson(String key, String cutoffHour) {
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            String current = index.get(key);
            if (current == null) {
                return 0;
            }
            List<String> kept = lines(current).stream().filter(h -> h.compareTo(cutoffHour) >= 0).toList();
            if (kept.size() == lines(current).size()) {
                return 0;
            }
            boolean done = kept.isEmpty() ? index.remove(key, current) : index.replace(key, current, String.join("\n", kept));
            if (done) {
                return 1;
            }
        }
        return 0; // contended: the next run goes on
    }

    private Set<String> idsOfHour(EventQuery query, String hour) {
        if (query.personId() != null) {
            return lines(index.get("p/" + query.personId() + "/" + hour));
        }
        if (query.feedId() != null) {
            return lines(index.get("f/" + query.feedId() + "/" + hour));
        }
        if (Boolean.TRUE.equals(query.alert())) {
            return lines(index.get("a/" + hour));
        }
        if (Boolean.TRUE.equals(query.matched())) {
            return lines(index.get("m/" + hour));
        }
        if (Boolean.TRUE.equals(query.unknown())) {
            return lines(index.get("u/" + hour));
        }
        return timeIds(hour);
    }

    private Set<String> timeIds(String hour) {
        Set<String> keys = new LinkedHashSet<>();
        for (int shard = 0; shard < TIME_SHARDS; shard++) {
            keys.add("t/" + hour + "/" + shard);
        }
        Set<String> ids = new HashSet<>();
        index.getAdvancedCache().getAll(keys).values().forEach(v -> ids.addAll(lines(v)));
        return ids;
    }

    /** The events of these ids in the same order; ids whose event is gone (purged) are skipped. */
    private List<Event> load(List<String> ids) {
        List<Event> loaded = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += 200) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + 200));
            Map<String, byte[]> found = events.getAdvancedCache().getAll(new LinkedHashSet<>(batch));
            for (String id : batch) {
                byte[] bytes = found.get(id);
                if (bytes != null) {
                    loaded.add(ProtoCodec.decode(bytes, Event.class));
                }
            }
        }
        return loaded;
    }

    private void append(String key, String id) {
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            String current = index.get(key);
            if (current == null ? index.putIfAbsent(key, id) == null : index.replace(key, current, current + "\n" + id)) {
                return;
            }
        }
        throw new IllegalStateException("event index entry " + key + " is too contended to append to");
    }

    private void appendOnce(String key, String value) {
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            String current = index.get(key);
            if (current != null && lines(current).contains(value)) {
                return;
            }
            if (current == null ? index.putIfAbsent(key, value) == null : index.replace(key, current, current + "\n" + value)) {
                return;
            }
        }
        throw new IllegalStateException("event index entry " + key + " is too contended to append to");
    }

    private static Set<String> lines(String value) {
        return value == null || value.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(value.split("\n")));
    }

    private static long floorHour(long time) {
        return Math.floorDiv(time, EventIds.HOUR_MS) * EventIds.HOUR_MS;
    }
}
