package org.facegrid.inference.detection;

/** A point in image pixels. */
public record Point(float x, float y) {
}
