package org.facegrid.inference.detection;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.facegrid.inference.Models;
import org.facegrid.inference.onnx.FaceApiWeights;
import org.facegrid.inference.onnx.OnnxSessions;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A second opinion on every BlazeFace candidate from a different detector, face-api's SSD MobileNet v1
 * (trained on other data, with another architecture). BlazeFace alone calls some dog faces, a bird's head,
 * text, patterned backgrounds and the forehead of a large face faces with scores as high as real faces'; on
 * the faces in shared/faces SSD gives those at most 0.22, and real faces (down to 36-px faces in crowds) 0.30
 * and more (bench/RESULTS.md).
 *
 * <p>Each candidate is shown to SSD in a square twice the face's size around its centre (at least
 * {@value #INPUT} source pixels, so a small face keeps its context instead of being blown up), scaled to
 * {@value #INPUT} pixels. The candidate's confidence is the highest face probability among the SSD boxes that
 * overlap it: SSD must find the same face, not just something face-like nearby. All candidates of a photo run
 * as one batch. Thread-safe.
 */
final class FaceConfirmer implements AutoCloseable {
    static final int INPUT = 160;
    private static final float CONTEXT = 2f;
    /** A box SSD finds must overlap the candidate this much (IoU) to speak for it. */
    private static final float SAME_FACE_OVERLAP = 0.3f;

    private final OrtSession session;

    FaceConfirmer(int threads) {
        byte[] graph = SsdMobileNetGraph.build(FaceApiWeights.read(Models.read(Models.SSD_MOBILENET_MANIFEST),
                Models.read(Models.SSD_MOBILENET_WEIGHTS)), INPUT);
        session = OnnxSessions.create(graph, threads, "SSD MobileNet face graph");
    }

    /** The candidates SSD also sees as faces with at least {@code minConfidence}, in their order. */
    List<DetectedFace> confirm(int[] pixels, int width, int height, List<DetectedFace> candidates, float minConfidence) {
        float[] confidence = confidence(pixels, width, height, candidates);
        List<DetectedFace> faces = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            if (confidence[i] >= minConfidence) {
                faces.add(candidates.get(i));
            }
        }
        return faces;
    }

    /** SSD's face probability for each candidate, 0..1. */
    float[] confidence(int[] pixels, int width, int height, List<DetectedFace> candidates) {
        int n = candidates.size();
        if (n == 0) {
            return new float[0];
        }
        int plane = INPUT * INPUT * 3;
        float[] input = new float[n * plane];
        Box[] expected = new Box[n]; // each candidate in its crop, in model input pixels: centred
        for (int i = 0; i < n; i++) {
            Box box = candidates.get(i).box();
            int side = Math.round(Math.max(CONTEXT * Math.max(box.width(), box.height()), INPUT));
            int x0 = Math.round(box.x() + box.width() / 2 - side / 2f);
            int y0 = Math.round(box.y() + box.height() / 2 - side / 2f);
            System.arraycopy(Resampler.squareToModelInput(pixels, width, height, x0, y0, side, INPUT), 0,
                    input, i * plane, plane);
            float w = box.width() * INPUT / side;
            float h = box.height() * INPUT / side;
            expected[i] = new Box((INPUT - w) / 2, (INPUT - h) / 2, w, h);
        }
        float[] confidence = new float[n];
        try (OnnxTensor tensor = OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(input),
                new long[] {n, INPUT, INPUT, 3});
             OrtSession.Result result = session.run(Map.of("crops", tensor))) {
            for (int p = 0; p < SsdMobileNetGraph.PREDICTORS; p++) {
                float[][][][] logits = (float[][][][]) result.get("classes" + p).orElseThrow().getValue();
                float[][][][] offsets = (float[][][][]) result.get("boxes" + p).orElseThrow().getValue();
                for (int i = 0; i < n; i++) {
                    confidence[i] = Math.max(confidence[i], sameFaceProbability(p, logits[i], offsets[i], expected[i]));
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the SSD MobileNet face graph failed: " + e.getMessage(), e);
        }
        return confidence;
    }

    /**
     * The highest face probability among this predictor's anchors whose decoded box overlaps the candidate.
     * Decoding as TensorFlow's faster-rcnn box coder: centre offsets / 10 and log sizes / 5, relative to the anchor.
     */
    private static float sameFaceProbability(int predictor, float[][][] logits, float[][][] offsets, Box expected) {
        int cells = logits[0].length;
        float best = 0f;
        for (int y = 0; y < cells; y++) {
            for (int x = 0; x < cells; x++) {
                for (int a = 0; a < SsdAnchors.perCell(predictor); a++) {
                    float logit = logits[a * 3 + 1][y][x];
                    float probability = (float) (1.0 / (1.0 + Math.exp(-logit)));
                    if (probability <= best) {
                        continue;
                    }
                    float[] anchor = SsdAnchors.anchor(predictor, a, x, y);
                    float yc = offsets[a * 4][y][x] / 10f * anchor[2] + anchor[0];
                    float xc = offsets[a * 4 + 1][y][x] / 10f * anchor[3] + anchor[1];
                    float h = (float) Math.exp(offsets[a * 4 + 2][y][x] / 5f) * anchor[2];
                    float w = (float) Math.exp(offsets[a * 4 + 3][y][x] / 5f) * anchor[3];
                    if (new Box(xc - w / 2, yc - h / 2, w, h).iou(expected) >= SAME_FACE_OVERLAP) {
                        best = probability;
                    }
                }
            }
        }
        return best;
    }

    @Override
    public void close() {
        OnnxSessions.close(session);
    }
}
