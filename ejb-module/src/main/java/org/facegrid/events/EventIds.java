package org.facegrid.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/** Event ids that sort by time ({@code <13-digit epoch millis>-<12 hex>}) and the hour buckets of the indexes. */
final class EventIds {
    private static final Pattern ID = Pattern.compile("\\d{13}-[0-9a-f]{12}");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);
    static final long HOUR_MS = 3_600_000L;

    private EventIds() {
    }

    static String next(long time) {
        return String.format("%013d-%s", time, UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static long timeOf(String id) {
        return Long.parseLong(id.substring(0, 13));
    }

    /** The UTC hour bucket, e.g. 2026112214. */
    static String hour(long time) {
        return HOUR.format(Instant.ofEpochMilli(time));
    }
}
