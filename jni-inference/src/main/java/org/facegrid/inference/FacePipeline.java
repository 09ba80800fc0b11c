package org.facegrid.inference;

import org.facegrid.inference.alignment.FaceAligner;
import org.facegrid.inference.detection.DetectedFace;
import org.facegrid.inference.detection.DetectionOptions;
import org.facegrid.inference.detection.FaceDetector;
import org.facegrid.inference.embedding.FaceEmbedder;
import org.facegrid.inference.image.ImageDecoder;
import org.facegrid.inference.image.ImageLimits;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The face pipeline in one call: decode, detect, align, embed (all faces of a photo in one batch).
 * Models are loaded once, when the pipeline is made; {@link #analyse} is thread-safe.
 */
public final class FacePipeline implements AutoCloseable {
    /** A face this wide (pixels) or wider has full quality; smaller faces carry less detail. */
    private static final float FULL_QUALITY_WIDTH = 100f;

    private final ImageDecoder decoder;
    private final FaceDetector detector;
    private final FaceEmbedder embedder;
    private final DetectionOptions detection;

    public FacePipeline(ImageLimits limits, DetectionOptions detection, int threads) {
        this.decoder = new ImageDecoder(limits);
        this.detector = new FaceDetector(threads);
        this.embedder = new FaceEmbedder(threads);
        this.detection = detection;
    }

    public static FacePipeline withDefaults() {
        return new FacePipeline(ImageLimits.DEFAULT, DetectionOptions.DEFAULT, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Every face in the photo, largest first.
     *
     * @throws org.facegrid.inference.image.ImageRejectedException if the bytes are not an acceptable image
     */
    public List<Face> analyse(byte[] imageBytes) {
        return analyse(decoder.decode(imageBytes), Integer.MAX_VALUE);
    }

    /** The largest {@code maxFaces} faces of the photo, largest first; smaller ones are never aligned or embedded. */
    public List<Face> analyse(byte[] imageBytes, int maxFaces) {
        return analyse(decoder.decode(imageBytes), maxFaces);
    }

    public List<Face> analyse(BufferedImage image) {
        return analyse(image, Integer.MAX_VALUE);
    }

    public List<Face> analyse(BufferedImage image, int maxFaces) {
        List<DetectedFace> detected = largestFirst(image);
        if (detected.size() > maxFaces) {
            detected = detected.subList(0, maxFaces);
        }
        List<BufferedImage> chips = detected.stream().map(f -> FaceAligner.chip(image, f)).toList();
        float[][] descriptors = embedder.embed(chips);
        List<Face> faces = new ArrayList<>(detected.size());
        for (int i = 0; i < detected.size(); i++) {
            DetectedFace f = detected.get(i);
            faces.add(new Face(f.box(), f.keypoints(), f.score(), quality(f), descriptors[i], chips.get(i)));
        }
        return faces;
    }

    /** Every face in the photo, largest first, without descriptors: detection alone, no embedding cost. */
    public List<DetectedFace> detect(byte[] imageBytes) {
        return largestFirst(decoder.decode(imageBytes));
    }

    /** How usable a face is for recognition, 0..1: its detection score, scaled down below 100 px of width. */
    public static float quality(DetectedFace face) {
        return face.score() * Math.min(1f, face.box().width() / FULL_QUALITY_WIDTH);
    }

    private List<DetectedFace> largestFirst(BufferedImage image) {
        List<DetectedFace> detected = new ArrayList<>(detector.detect(image, detection));
        detected.sort(Comparator.comparingDouble((DetectedFace f) -> f.box().area()).reversed());
        return detected;
    }

    /** Euclidean distance between two descriptors; dlib's model calls the same person below 0.6. */
    public static float distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return (float) Math.sqrt(sum);
    }

    @Override
    public void close() {
        detector.close();
        embedder.close();
    }
}
