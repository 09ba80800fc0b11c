package org.facegrid.inference.embedding;

import org.facegrid.inference.onnx.FaceApiWeights;
import org.facegrid.inference.onnx.OnnxModelWriter;

import java.util.List;

/**
 * Builds the dlib ResNet face descriptor as an ONNX graph from face-api's weights, layer for layer as
 * face-api's faceRecognitionNet computes it:
 * (x - mean) / 255; conv 7x7/2 (valid) with 32 filters and max-pool 3/2; residual stages of 32 (x3),
 * 64 (down + 3), 128 (down + 2), 256 (down + 2) and a last 256 down-block; the mean over height and width;
 * a 256 -> 128 fully connected layer without bias. Each conv is conv + bias, then a per-channel scale
 * (x * w + b), then ReLU where the block has one. Down-blocks convolve 3x3/2 (valid) and add a 2x2/2
 * average-pooled shortcut, zero-padded in channels, and by one row and column at the end where the sizes differ.
 *
 * <p>Input "chips": [batch, 3, 150, 150], RGB 0..255. Output "descriptor": [batch, 128].
 */
final class DlibResNetGraph {
    static final int CHIP = 150;
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    private final FaceApiWeights weights;
    private final OnnxModelWriter onnx = new OnnxModelWriter();
    private int names;

    private DlibResNetGraph(FaceApiWeights weights) {
        this.weights = weights;
    }

    static byte[] build(FaceApiWeights weights) {
        return new DlibResNetGraph(weights).graph();
    }

    /** A value flowing through the graph: its name, channels and (square) spatial size. */
    private record Value(String name, int channels, int size) {
    }

    private byte[] graph() {
        onnx.input("chips", 3, CHIP, CHIP);
        onnx.floatInitializer("mean_rgb", new long[] {1, 3, 1, 1}, MEAN_RGB);
        onnx.floatInitializer("divisor", new long[] {1}, new float[] {255f});
        String centred = next();
        onnx.node("Sub", List.of("chips", "mean_rgb"), centred);
        String normalised = next();
        onnx.node("Div", List.of(centred, "divisor"), normalised);
        Value x = new Value(normalised, 3, CHIP);

        x = conv(x, "conv32_down", 7, 2, true, true);
        String pooled = next();
        onnx.node("MaxPool", List.of(x.name()), pooled, "kernel_shape", new long[] {3, 3}, "strides", new long[] {2, 2});
        x = new Value(pooled, x.channels(), (x.size() - 3) / 2 + 1);

        x = residual(x, "conv32_1");
        x = residual(x, "conv32_2");
        x = residual(x, "conv32_3");
        x = residualDown(x, "conv64_down");
        x = residual(x, "conv64_1");
        x = residual(x, "conv64_2");
        x = residual(x, "conv64_3");
        x = residualDown(x, "conv128_down");
        x = residual(x, "conv128_1");
        x = residual(x, "conv128_2");
        x = residualDown(x, "conv256_down");
        x = residual(x, "conv256_1");
        x = residual(x, "conv256_2");
        x = residualDown(x, "conv256_down_out");

        String mean = next();
        onnx.node("ReduceMean", List.of(x.name()), mean, "axes", new long[] {2, 3}, "keepdims", 0L);
        FaceApiWeights.Tensor fc = weights.get("fc");
        onnx.floatInitializer("fc", new long[] {fc.dim(0), fc.dim(1)}, fc.values());
        onnx.node("MatMul", List.of(mean, "fc"), "descriptor");
        onnx.output("descriptor", fc.dim(1));
        return onnx.write("dlib_face_recognition_resnet");
    }

    private Value residual(Value x, String prefix) {
        Value c1 = conv(x, prefix + "/conv1", 3, 1, true, false);
        Value c2 = conv(c1, prefix + "/conv2", 3, 1, false, false);
        return addRelu(c2, x.name());
    }

    private Value residualDown(Value x, String prefix) {
        Value c1 = conv(x, prefix + "/conv1", 3, 2, true, true);
        Value c2 = conv(c1, prefix + "/conv2", 3, 1, false, false);
        String pooled = next();
        onnx.node("AveragePool", List.of(x.name()), pooled, "kernel_shape", new long[] {2, 2}, "strides", new long[] {2, 2});
        int pooledSize = x.size() / 2;
        if (c2.size() != pooledSize) {
            // face-api appends a zero row and column to the convolution's output
            String padded = pad(c2.name(), new long[] {0, 0, 0, 0, 0, 0, pooledSize - c2.size(), pooledSize - c2.size()});
            c2 = new Value(padded, c2.channels(), pooledSize);
        }
        if (x.channels() != c2.channels()) {
            // ... and zero channels to the shortcut
            pooled = pad(pooled, new long[] {0, 0, 0, 0, 0, c2.channels() - x.channels(), 0, 0});
        }
        return addRelu(c2, pooled);
    }

    private Value addRelu(Value main, String shortcut) {
        String sum = next();
        onnx.node("Add", List.of(shortcut, main.name()), sum);
        String relu = next();
        onnx.node("Relu", List.of(sum), relu);
        return new Value(relu, main.channels(), main.size());
    }

    private String pad(String input, long[] pads) {
        String padsName = next();
        onnx.int64Initializer(padsName, pads);
        String out = next();
        onnx.node("Pad", List.of(input, padsName), out);
        return out;
    }

    /** conv + bias, per-channel scale, optional ReLU; 'valid' padding for strided convs, 'same' otherwise. */
    private Value conv(Value x, String prefix, int kernel, int stride, boolean relu, boolean valid) {
        FaceApiWeights.Tensor filters = weights.get(prefix + "/conv/filters"); // [kh, kw, in, out]
        int in = filters.dim(2);
        int out = filters.dim(3);
        if (in != x.channels() || filters.dim(0) != kernel) {
            throw new IllegalStateException(prefix + ": filters " + java.util.Arrays.toString(filters.shape())
                    + " do not fit " + x.channels() + " channels and kernel " + kernel);
        }
        String w = prefix + "/W";
        String b = prefix + "/B";
        String sw = prefix + "/scale_w";
        String sb = prefix + "/scale_b";
        onnx.floatInitializer(w, new long[] {out, in, kernel, kernel}, filters.oihw());
        onnx.floatInitializer(b, new long[] {out}, weights.get(prefix + "/conv/bias").values());
        onnx.floatInitializer(sw, new long[] {1, out, 1, 1}, weights.get(prefix + "/scale/weights").values());
        onnx.floatInitializer(sb, new long[] {1, out, 1, 1}, weights.get(prefix + "/scale/biases").values());
        long p = valid ? 0 : kernel / 2;
        String conv = next();
        onnx.node("Conv", List.of(x.name(), w, b), conv, "kernel_shape", new long[] {kernel, kernel},
                "strides", new long[] {stride, stride}, "pads", new long[] {p, p, p, p});
        String scaled = next();
        onnx.node("Mul", List.of(conv, sw), scaled);
        String shifted = next();
        onnx.node("Add", List.of(scaled, sb), shifted);
        String result = shifted;
        if (relu) {
            result = next();
            onnx.node("Relu", List.of(shifted), result);
        }
        int size = (x.size() + 2 * (int) p - kernel) / stride + 1;
        return new Value(result, out, size);
    }

    private String next() {
        return "t" + names++;
    }
}
