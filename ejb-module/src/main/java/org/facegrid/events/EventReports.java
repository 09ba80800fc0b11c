package org.facegrid.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.problem.InvalidInputException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts of events over a time range (at most 31 days): per person recognised, per feed, per UTC hour. Read
 * through the hourly time index, so the cost follows the range, never the whole log.
 */
@ApplicationScoped
public class EventReports {
    @Inject
    EventLog log;

    /** A count for one key (person id, feed id or hour), with a label (the person's name, or the hour). */
    public record Count(String key, String label, long count) {
    }

    public List<Count> perPerson(long since, long until) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Event event : events(since, until)) {
            Set<String> inThisEvent = new HashSet<>(); // an event counts once per person, however many faces matched
            for (EventFace face : event.faces()) {
                if (face.personId() != null && inThisEvent.add(face.personId())) {
                    counts.computeIfAbsent(face.personId(), k -> new long[1])[0]++;
                    names.put(face.personId(), face.name());
                }
            }
        }
        List<Count> result = new ArrayList<>();
        counts.forEach((id, n) -> result.add(new Count(id, names.get(id), n[0])));
        result.sort(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::key));
        return result;
    }

    public List<Count> perFeed(long since, long until) {
        Map<String, long[]> counts = new TreeMap<>();
        for (Event event : events(since, until)) {
            counts.computeIfAbsent(event.feedId() == null ? "" : event.feedId(), k -> new long[1])[0]++;
        }
        List<Count> result = new ArrayList<>();
        counts.forEach((feed, n) -> result.add(new Count(feed, feed.isEmpty() ? "(no feed)" : feed, n[0])));
        return result;
    }

    public List<Count> perHour(long since, long until) {
        Map<Long, long[]> counts = new TreeMap<>();
        for (Event event : events(since, until)) {
            counts.computeIfAbsent(Math.floorDiv(event.time(), EventIds.HOUR_MS), k -> new long[1])[0]++;
        }
        List<Count> result = new ArrayList<>();
        counts.forEach((hour, n) -> result.add(new Count(EventIds.hour(hour * EventIds.HOUR_MS),
                java.time.Instant.ofEpochMilli(hour * EventIds.HOUR_MS).toString(), n[0])));
        return result;
    }

    private List<Event> events(long since, long until) {
        if (since >= until) {
            throw InvalidInputException.of("since", "must be before until");
        }
        if (until - since > EventQuery.MAX_RANGE.toMillis()) {
            throw InvalidInputException.of("since", "a report spans at most " + EventQuery.MAX_RANGE.toDays() + " days");
        }
        return log.between(since, until);
    }
}
