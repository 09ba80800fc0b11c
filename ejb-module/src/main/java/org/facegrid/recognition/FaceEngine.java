package org.facegrid.recognition;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.facegrid.inference.Face;
import org.facegrid.inference.FacePipeline;
import org.facegrid.inference.detection.DetectedFace;
import org.facegrid.inference.detection.DetectionOptions;
import org.facegrid.inference.image.ImageLimits;
import org.facegrid.inference.image.ImageRejectedException;
import org.facegrid.problem.RejectedImageException;
import org.facegrid.problem.TooLargeException;

import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The node's face pipeline, its models loaded once when the application starts. Thread-safe, so the bean
 * manages no locking: every request analyses in parallel ({@code facegrid.inference.threads} threads per
 * model run, by default all cores).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FaceEngine {
    private static final Logger LOG = Logger.getLogger(FaceEngine.class.getName());

    /** The pipeline's limits (25 MB, 50 megapixels) unless set, checked from the header before any pixel is decoded. */
    public static final ImageLimits LIMITS = new ImageLimits(
            Long.getLong("facegrid.image.max-bytes", ImageLimits.DEFAULT.maxBytes()),
            Long.getLong("facegrid.image.max-pixels", ImageLimits.DEFAULT.maxPixels()));

    private FacePipeline pipeline;

    @Inject
    RecognitionGate gate;

    @Inject
    RequestTimings timings;

    @PostConstruct
    void load() {
        long start = System.nanoTime();
        int threads = Integer.getInteger("facegrid.inference.threads", Runtime.getRuntime().availableProcessors());
        pipeline = new FacePipeline(LIMITS, DetectionOptions.DEFAULT, threads);
        LOG.info(() -> String.format("FGREC001: face models loaded in %d ms (%d threads)",
                (System.nanoTime() - start) / 1_000_000, threads));
    }

    @PreDestroy
    void close() {
        pipeline.close();
    }

    /**
     * The largest {@code maxFaces} faces of the image with their descriptors, largest first. An unreadable image
     * is a 400 or 413 problem, a full {@link RecognitionGate} a 429.
     */
    public List<Face> analyse(byte[] image, int maxFaces) {
        return guarded("analyse", () -> pipeline.analyse(image, maxFaces));
    }

    /** Every face of the image, largest first, without descriptors (no embedding cost). Same errors. */
    public List<DetectedFace> detect(byte[] image) {
        return guarded("detect", () -> pipeline.detect(image));
    }

    private <T> T guarded(String metric, Supplier<T> work) {
        long asked = System.nanoTime();
        return gate.run(() -> {
            long started = System.nanoTime();
            RequestTimings.add(timings, "queue", started - asked);
            try {
                return work.get();
            } catch (ImageRejectedException e) {
                throw problemOf(e);
            } finally {
                RequestTimings.add(timings, metric, System.nanoTime() - started);
            }
        });
    }

    static RuntimeException problemOf(ImageRejectedException e) {
        return switch (e.reason()) {
            case EMPTY -> new RejectedImageException("empty_image", e.getMessage());
            case NOT_AN_IMAGE -> new RejectedImageException("not_an_image", e.getMessage());
            case UNSUPPORTED_IMAGE -> new RejectedImageException("unsupported_image", e.getMessage());
            case TRUNCATED -> new RejectedImageException("truncated_image", e.getMessage());
            case CORRUPT -> new RejectedImageException("corrupt_image", e.getMessage());
            case TOO_MANY_BYTES -> new TooLargeException("image_too_large", e.getMessage(), LIMITS.maxBytes());
            case TOO_MANY_PIXELS -> new TooLargeException("too_many_pixels", e.getMessage(), LIMITS.maxPixels());
        };
    }
}
