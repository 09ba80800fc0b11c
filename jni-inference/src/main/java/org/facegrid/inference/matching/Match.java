package org.facegrid.inference.matching;

/** One search result: the template's id and its Euclidean distance to the query. */
public record Match(String id, float distance) {
}
