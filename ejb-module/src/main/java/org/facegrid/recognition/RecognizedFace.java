package org.facegrid.recognition;

import org.facegrid.inference.Face;

import java.util.List;

/** A face of the photo and the enrolled persons it matches, nearest first (empty: unknown). */
public record RecognizedFace(Face face, List<PersonMatch> matches) {
    /**
     * A match: the person, the enrolled face that matched, the descriptor distance, and a similarity in 0..1
     * (1 - distance, floored at 0).
     */
    public record PersonMatch(String personId, String name, String faceId, float distance, float similarity,
                              List<String> watchlists) {
    }

    public boolean unknown() {
        return matches.isEmpty();
    }
}
