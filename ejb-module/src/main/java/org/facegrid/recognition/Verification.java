package org.facegrid.recognition;

/**
 * Whether two faces are the same person: the descriptor distance of the probe's largest face to the other
 * image's largest face (or to the nearest enrolled face of a person), the threshold it was judged by, and the
 * enrolled face that was nearest when a person was named.
 */
public record Verification(boolean match, float distance, float similarity, float threshold, String faceId) {
    static Verification of(float distance, float threshold, String faceId) {
        return new Verification(distance <= threshold, distance, Math.max(0f, 1f - distance), threshold, faceId);
    }
}
