package org.facegrid.events;

import org.facegrid.problem.InvalidInputException;
import org.facegrid.problem.InvalidInputException.FieldProblem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which events to list, newest first: a time range [since, until) (default: the 24 hours before until, which
 * defaults to now; at most 31 days), optional person, feed, matched (true: some face matched a person; false:
 * no face matched), unknown (true: some face matched nobody; false: none did) and alert filters, a page size, and
 * the cursor from the previous page.
 */
public record EventQuery(long since, long until, String personId, String feedId, Boolean matched, Boolean unknown,
                         Boolean alert, int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    public static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    public static final Duration MAX_RANGE = Duration.ofDays(31);

    /** Fills the defaults and checks every rule at once. */
    public static EventQuery of(Long since, Long until, String personId, String feedId, Boolean matched,
                                Boolean unknown, Boolean alert, Integer limit, String cursor, long now) {
        List<FieldProblem> problems = new ArrayList<>();
        long to = until == null ? now + 1 : until;
        long from = since == null ? to - DEFAULT_RANGE.toMillis() : since;
        if (from >= to) {
            problems.add(new FieldProblem("since", "must be before until"));
        } else if (to - from > MAX_RANGE.toMillis()) {
            problems.add(new FieldProblem("since", "the range may span at most " + MAX_RANGE.toDays() + " days"));
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", not " + limit));
        }
        if (cursor != null && !EventIds.isValid(cursor)) {
            problems.add(new FieldProblem("cursor", "is not a cursor this API returned"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The event query is not valid: " + problems.get(0).field() + " "
                    + problems.get(0).problem() + ".", problems);
        }
        return new EventQuery(from, to, blankToNull(personId), blankToNull(feedId), matched, unknown, alert, size, cursor);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    boolean accepts(Event event) {
        return event.time() >= since && event.time() < until
                && (personId == null || event.faces().stream().anyMatch(f -> personId.equals(f.personId())))
                && (feedId == null || feedId.equals(event.feedId()))
                && (matched == null || matched == event.matched())
                && (unknown == null || unknown == event.hasUnknown())
                && (alert == null || alert == event.alert());
    }
}
