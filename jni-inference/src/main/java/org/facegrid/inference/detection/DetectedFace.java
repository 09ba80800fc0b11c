package org.facegrid.inference.detection;

import java.util.List;

/**
 * A face BlazeFace found: its box, its score (0..1) and six keypoints in image pixels, in MediaPipe's order:
 * the subject's right eye, left eye, nose tip, mouth centre, right ear, left ear.
 */
public record DetectedFace(Box box, float score, List<Point> keypoints) {
    public static final int RIGHT_EYE = 0;
    public static final int LEFT_EYE = 1;
    public static final int NOSE = 2;
    public static final int MOUTH = 3;

    public DetectedFace {
        keypoints = List.copyOf(keypoints);
    }
}
