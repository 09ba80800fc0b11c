package org.facegrid.api;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.facegrid.json.JsonFactory;

import java.util.List;
import java.util.function.Function;

/**
 * The one list envelope of the API, for lists read whole and paged by offset:
 * {@code {"items": [...], "total": n, "offset": o, "limit": l}} (events, which grow without end, page by
 * {@code nextCursor} instead). {@code offset} and {@code limit} are checked the same way everywhere.
 */
final class ListPage {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private ListPage() {
    }

    /** One page of {@code all}, in its order, each item as {@code shown} writes it. */
    static <T> JsonObject of(List<T> all, String offset, String limit, Function<T, ? extends JsonValue> shown) {
        int from = offset(offset);
        int size = limit(limit);
        JsonArrayBuilder items = JsonFactory.createArrayBuilder();
        all.stream().skip(from).limit(size).forEach(item -> items.add(shown.apply(item)));
        return JsonFactory.createObjectBuilder().add("items", items).add("total", all.size()).add("offset", from)
                .add("limit", size).build();
    }

    static int offset(String value) {
        Integer offset = QueryParams.integer("offset", value, 0, Integer.MAX_VALUE);
        return offset == null ? 0 : offset;
    }

    static int limit(String value) {
        Integer limit = QueryParams.integer("limit", value, 1, MAX_LIMIT);
        return limit == null ? DEFAULT_LIMIT : limit;
    }
}
