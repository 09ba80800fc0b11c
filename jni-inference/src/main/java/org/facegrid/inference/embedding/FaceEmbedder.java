package org.facegrid.inference.embedding;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.facegrid.inference.Models;
import org.facegrid.inference.onnx.FaceApiWeights;
import org.facegrid.inference.onnx.OnnxSessions;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * The 128-d dlib ResNet descriptor of aligned 150x150 face chips, on ONNX Runtime. The graph is built in
 * memory from face-api's weights when the embedder is made (no model file is written). Thread-safe; all the
 * chips of one call run as one batch.
 */
public final class FaceEmbedder implements AutoCloseable {
    public static final int DIMENSIONS = 128;
    private final OrtSession session;

    public FaceEmbedder(int threads) {
        this(DlibResNetGraph.build(FaceApiWeights.read(Models.read(Models.FACE_RECOGNITION_MANIFEST),
                Models.read(Models.FACE_RECOGNITION_WEIGHTS))), threads);
    }

    FaceEmbedder(byte[] onnxModel, int threads) {
        session = OnnxSessions.create(onnxModel, threads, "face descriptor graph");
    }

    public float[][] embed(List<BufferedImage> chips) {
        if (chips.isEmpty()) {
            return new float[0][];
        }
        int plane = DlibResNetGraph.CHIP * DlibResNetGraph.CHIP;
        float[] input = new float[chips.size() * 3 * plane];
        for (int n = 0; n < chips.size(); n++) {
            BufferedImage chip = chips.get(n);
            if (chip.getWidth() != DlibResNetGraph.CHIP || chip.getHeight() != DlibResNetGraph.CHIP) {
                throw new IllegalArgumentException("a chip is 150x150, not " + chip.getWidth() + "x" + chip.getHeight());
            }
            int[] rgb = chip.getRGB(0, 0, DlibResNetGraph.CHIP, DlibResNetGraph.CHIP, null, 0, DlibResNetGraph.CHIP);
            int base = n * 3 * plane;
            for (int i = 0; i < plane; i++) {
                input[base + i] = (rgb[i] >> 16) & 0xff;
                input[base + plane + i] = (rgb[i] >> 8) & 0xff;
                input[base + 2 * plane + i] = rgb[i] & 0xff;
            }
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(input),
                new long[] {chips.size(), 3, DlibResNetGraph.CHIP, DlibResNetGraph.CHIP});
             OrtSession.Result result = session.run(Map.of("chips", tensor))) {
            return (float[][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("the face descriptor graph failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        OnnxSessions.close(session);
    }
}
