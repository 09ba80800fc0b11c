package org.facegrid.inference.detection;

/**
 * How hard to look: the score a face needs (0..1), the smallest face to report (pixels of box width in the
 * original image; smaller faces cost more model runs), and the overlap above which two detections are one face.
 */
public record DetectionOptions(float minScore, int minFaceSize, float mergeOverlap) {
    /** 0.7 keeps faces off the no-face photos; 30 px finds a face in a crowd on a 1920-px photo. */
    public static final DetectionOptions DEFAULT = new DetectionOptions(0.7f, 30, 0.3f);

    public DetectionOptions {
        if (!(minScore > 0f && minScore < 1f)) {
            throw new IllegalArgumentException("minScore must be between 0 and 1, not " + minScore);
        }
        if (minFaceSize < 8) {
            throw new IllegalArgumentException("minFaceSize must be at least 8 pixels, not " + minFaceSize);
        }
        if (!(mergeOverlap > 0f && mergeOverlap < 1f)) {
            throw new IllegalArgumentException("mergeOverlap must be between 0 and 1, not " + mergeOverlap);
        }
    }
}
