package org.facegrid.events;

import java.util.List;

/** A page of events, newest first; nextCursor is null on the last page. */
public record EventPage(List<Event> items, String nextCursor) {
}
