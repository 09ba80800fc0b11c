package org.facegrid.recognition;

import org.facegrid.problem.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * How to recognise: the largest descriptor distance that still counts as a match (dlib's model separates
 * people at 0.6), how many faces of the photo to report (largest first), and how many candidate persons per face.
 */
public record RecognitionOptions(float threshold, int maxFaces, int maxMatches) {
    public static final float DEFAULT_THRESHOLD = 0.6f;
    public static final float MAX_THRESHOLD = 1.5f;
    public static final int DEFAULT_MAX_FACES = 20;
    public static final int MAX_FACES = 100;
    public static final int DEFAULT_MAX_MATCHES = 3;
    public static final int MAX_MATCHES = 20;

    /** Null values take the defaults; every value out of range is named in one 400. */
    public static RecognitionOptions of(Float threshold, Integer maxFaces, Integer maxMatches) {
        List<InvalidInputException.FieldProblem> problems = new ArrayList<>();
        float t = threshold == null ? DEFAULT_THRESHOLD : threshold;
        if (!(t > 0f && t <= MAX_THRESHOLD)) {
            problems.add(new InvalidInputException.FieldProblem("threshold",
                    "must be a distance above 0 and at most " + MAX_THRESHOLD + ", not " + threshold));
        }
        int faces = maxFaces == null ? DEFAULT_MAX_FACES : maxFaces;
        if (faces < 1 || faces > MAX_FACES) {
            problems.add(new InvalidInputException.FieldProblem("maxFaces",
                    "must be between 1 and " + MAX_FACES + ", not " + maxFaces));
        }
        int matches = maxMatches == null ? DEFAULT_MAX_MATCHES : maxMatches;
        if (matches < 1 || matches > MAX_MATCHES) {
            problems.add(new InvalidInputException.FieldProblem("maxMatches",
                    "must be between 1 and " + MAX_MATCHES + ", not " + maxMatches));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid recognition parameters", problems);
        }
        return new RecognitionOptions(t, faces, matches);
    }
}
