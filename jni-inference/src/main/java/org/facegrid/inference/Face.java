package org.facegrid.inference;

import org.facegrid.inference.detection.Box;
import org.facegrid.inference.detection.Point;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A face found in a photo: where it is, how sure the detector is (score), how usable it is for recognition
 * (quality, 0..1), its 128-d descriptor, and the aligned 150x150 chip the descriptor was computed from.
 */
public record Face(Box box, List<Point> keypoints, float score, float quality, float[] descriptor,
                   BufferedImage chip) {
}
