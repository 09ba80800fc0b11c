package org.facegrid.directory;

import java.util.List;

/** One page of a person listing; {@code total} counts every person that matched the filter. */
public record PersonPage(List<Person> items, long total, int offset, int limit) {
}
