package org.facegrid.inference.detection;

/**
 * How hard to look: the BlazeFace score a face needs (0..1), the smallest face to report (pixels of box width in
 * the original image; smaller faces cost more model runs), the overlap above which two detections are one face,
 * and the face probability the second detector must give a face to confirm it (0 = no second opinion).
 */
public record DetectionOptions(float minScore, int minFaceSize, float mergeOverlap, float minConfirmation) {
    /**
     * BlazeFace 0.7 and SSD 0.25 keep faces off the no-face photos and background patterns (SSD gives those
     * at most 0.21, real faces at least 0.30); 30 px finds a face in a crowd on a 1920-px photo.
     */
    public static final DetectionOptions DEFAULT = new DetectionOptions(0.7f, 30, 0.3f, 0.25f);

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
        if (!(minConfirmation >= 0f && minConfirmation < 1f)) {
            throw new IllegalArgumentException("minConfirmation must be from 0 up to 1, not " + minConfirmation);
        }
    }
}
