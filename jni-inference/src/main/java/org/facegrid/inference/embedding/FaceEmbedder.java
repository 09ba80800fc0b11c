package org.facegrid.inference.embedding;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import org.facegrid.inference.Models;
import org.facegrid.inference.onnx.FaceApiWeights;

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
    private final OrtEnvironment environment;
    private final OrtSession session;

    public FaceEmbedder(int threads) {
        this(DlibResNetGraph.build(FaceApiWeights.read(Models.read(Models.FACE_RECOGNITION_MANIFEST),
                Models.read(Models.FACE_RECOGNITION_WEIGHTS))), threads);
    }

    FaceEmbedder(byte[] onnxModel, int threads) {
        try {
            environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "facegrid");
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, threads));
            // idle pool threads sleep instead of spinning: spinning took the cores from the BlazeFace tile threads
            // and from the HTTP work around the pipeline (API recognition p50 134 -> 73 ms on 2 cores)
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(onnxModel, options);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the face descriptor graph: " + e.getMessage(), e);
        }
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
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input),
                new long[] {chips.size(), 3, DlibResNetGraph.CHIP, DlibResNetGraph.CHIP});
             OrtSession.Result result = session.run(Map.of("chips", tensor))) {
            return (float[][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("the face descriptor graph failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
