package org.facegrid.cluster;

import java.util.Set;

/** A CDI event: entries of a cache this node brought back from its store after the cluster had deleted them. */
public record StaleEntriesRemoved(String cache, Set<Object> keys) {
}
