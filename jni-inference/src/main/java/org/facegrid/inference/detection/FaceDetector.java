package org.facegrid.inference.detection;

import org.facegrid.inference.Models;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Finds faces: BlazeFace (back-256, tiled down to small faces) proposes, SSD MobileNet confirms
 * ({@link FaceConfirmer}). Thread-safe; both models are loaded once.
 */
public final class FaceDetector implements AutoCloseable {
    private final BlazeFaceDetector proposer;
    private final FaceConfirmer confirmer;

    public FaceDetector(int threads) {
        this.proposer = new BlazeFaceDetector(Models.read(Models.BLAZEFACE_BACK_256), 256, threads);
        this.confirmer = new FaceConfirmer(threads);
    }

    public List<DetectedFace> detect(BufferedImage image, DetectionOptions options) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
        List<DetectedFace> candidates = proposer.detect(pixels, width, height, options);
        if (options.minConfirmation() <= 0f) {
            return candidates;
        }
        return confirmer.confirm(pixels, width, height, candidates, options.minConfirmation());
    }

    @Override
    public void close() {
        proposer.close();
        confirmer.close();
    }
}
