package org.facegrid.inference.detection;

import org.facegrid.inference.onnx.FaceApiWeights;
import org.facegrid.inference.onnx.OnnxModelWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * face-api's SSD MobileNet v1 face detector as an ONNX graph built from its weights, up to the predictors'
 * outputs (anchor decoding is {@link FaceConfirmer}'s): MobileNet v1 (a 3x3/2 conv, then 13 depthwise 3x3 + pointwise
 * 1x1 pairs, batch norm folded into the depthwise weights, ReLU6 throughout), four extra 1x1 + 3x3/2 pairs, and
 * six class predictors on layer 11, layer 13 and the four extra outputs (3 anchors per cell on the first, 6 on
 * the others; 3 logits per anchor, index 1 = face) with their box encoders (4 numbers per anchor: y, x, h, w
 * offsets). TensorFlow 'same' padding throughout.
 *
 * <p>Input "crops": [batch, size, size, 3], RGB in [-1, 1] (the model's own scaling, x * 2/255 - 1, is what
 * {@link Resampler} produces). Outputs "classes0".."classes5": [batch, anchors * 3, cells, cells], and
 * "boxes0".."boxes5": [batch, anchors * 4, cells, cells].
 */
final class SsdMobileNetGraph {
    static final int PREDICTORS = 6;
    private static final float BATCH_NORM_EPSILON = 0.001f;
    private static final List<Integer> STRIDE_2_LAYERS = List.of(2, 4, 6, 12);

    private final FaceApiWeights weights;
    private final OnnxModelWriter onnx = new OnnxModelWriter();
    private int names;

    private SsdMobileNetGraph(FaceApiWeights weights) {
        this.weights = weights;
    }

    static byte[] build(FaceApiWeights weights, int size) {
        return new SsdMobileNetGraph(weights).graph(size);
    }

    /** A value flowing through the graph: its name, channels and (square) spatial size. */
    private record Value(String name, int channels, int size) {
    }

    private byte[] graph(int size) {
        onnx.input("crops", size, size, 3);
        onnx.floatInitializer("zero", new long[] {}, new float[] {0f});
        onnx.floatInitializer("six", new long[] {}, new float[] {6f});
        String nchw = next();
        onnx.node("Transpose", List.of("crops"), nchw, "perm", new long[] {0, 3, 1, 2});
        Value x = conv(new Value(nchw, 3, size), "MobilenetV1/Conv2d_0_pointwise", 2);
        Value layer11 = null;
        for (int layer = 1; layer <= 13; layer++) {
            x = depthwise(x, "MobilenetV1/Conv2d_" + layer + "_depthwise", STRIDE_2_LAYERS.contains(layer) ? 2 : 1);
            x = conv(x, "MobilenetV1/Conv2d_" + layer + "_pointwise", 1);
            if (layer == 11) {
                layer11 = x;
            }
        }
        List<Value> features = new ArrayList<>(List.of(layer11, x));
        for (int extra = 0; extra < 4; extra++) {
            x = conv(x, "Prediction/Conv2d_" + (2 * extra) + "_pointwise", 1);
            x = conv(x, "Prediction/Conv2d_" + (2 * extra + 1) + "_pointwise", 2);
            features.add(x);
        }
        for (int p = 0; p < PREDICTORS; p++) {
            String prefix = "Prediction/BoxPredictor_" + p;
            predictor(features.get(p), prefix + "/ClassPredictor", "classes" + p);
            predictor(features.get(p), prefix + "/BoxEncodingPredictor", "boxes" + p);
        }
        return onnx.write("ssd_mobilenet_v1_faces");
    }

    /** A 1x1 conv with bias and no activation: the logits or box offsets of every anchor of every cell. */
    private void predictor(Value feature, String prefix, String output) {
        FaceApiWeights.Tensor w = weights.get(prefix + "/weights"); // [1, 1, in, anchors * n]
        onnx.floatInitializer(prefix + "/W", new long[] {w.dim(3), w.dim(2), 1, 1}, w.oihw());
        onnx.floatInitializer(prefix + "/B", new long[] {w.dim(3)}, weights.get(prefix + "/biases").values());
        onnx.node("Conv", List.of(feature.name(), prefix + "/W", prefix + "/B"), output, "kernel_shape", new long[] {1, 1});
        onnx.output(output, w.dim(3), feature.size(), feature.size());
    }

    /** conv (3x3 or 1x1) + its folded batch-norm offset, ReLU6. */
    private Value conv(Value x, String prefix, int stride) {
        FaceApiWeights.Tensor filters = weights.get(prefix + "/weights"); // [k, k, in, out]
        int kernel = filters.dim(0);
        int out = filters.dim(3);
        if (filters.dim(2) != x.channels()) {
            throw new IllegalStateException(prefix + " expects " + filters.dim(2) + " channels, not " + x.channels());
        }
        onnx.floatInitializer(prefix + "/W", new long[] {out, x.channels(), kernel, kernel}, filters.oihw());
        onnx.floatInitializer(prefix + "/B", new long[] {out}, weights.get(prefix + "/convolution_bn_offset").values());
        int outSize = (x.size() + stride - 1) / stride;
        String conv = next();
        onnx.node("Conv", List.of(x.name(), prefix + "/W", prefix + "/B"), conv, "kernel_shape", new long[] {kernel, kernel},
                "strides", new long[] {stride, stride}, "pads", samePads(x.size(), outSize, kernel, stride));
        return relu6(conv, out, outSize);
    }

    /** depthwise 3x3 with its batch norm folded into weights and bias, ReLU6. */
    private Value depthwise(Value x, String prefix, int stride) {
        float[] filters = weights.get(prefix + "/depthwise_weights").values(); // [3, 3, C, 1]
        float[] gamma = weights.get(prefix + "/BatchNorm/gamma").values();
        float[] beta = weights.get(prefix + "/BatchNorm/beta").values();
        float[] mean = weights.get(prefix + "/BatchNorm/moving_mean").values();
        float[] variance = weights.get(prefix + "/BatchNorm/moving_variance").values();
        int channels = x.channels();
        float[] w = new float[channels * 9];
        float[] bias = new float[channels];
        for (int c = 0; c < channels; c++) {
            float factor = (float) (gamma[c] / Math.sqrt(variance[c] + BATCH_NORM_EPSILON));
            for (int k = 0; k < 9; k++) {
                w[c * 9 + k] = filters[k * channels + c] * factor;
            }
            bias[c] = beta[c] - mean[c] * factor;
        }
        onnx.floatInitializer(prefix + "/W", new long[] {channels, 1, 3, 3}, w);
        onnx.floatInitializer(prefix + "/B", new long[] {channels}, bias);
        int outSize = (x.size() + stride - 1) / stride;
        String conv = next();
        onnx.node("Conv", List.of(x.name(), prefix + "/W", prefix + "/B"), conv, "kernel_shape", new long[] {3, 3},
                "strides", new long[] {stride, stride}, "group", (long) channels,
                "pads", samePads(x.size(), outSize, 3, stride));
        return relu6(conv, channels, outSize);
    }

    private Value relu6(String input, int channels, int size) {
        String out = next();
        onnx.node("Clip", List.of(input, "zero", "six"), out);
        return new Value(out, channels, size);
    }

    /** TensorFlow's 'same' padding: the total split in two, the odd pixel at the end. */
    private static long[] samePads(int in, int out, int kernel, int stride) {
        int total = Math.max((out - 1) * stride + kernel - in, 0);
        long begin = total / 2;
        long end = total - begin;
        return new long[] {begin, begin, end, end};
    }

    private String next() {
        return "s" + names++;
    }
}
