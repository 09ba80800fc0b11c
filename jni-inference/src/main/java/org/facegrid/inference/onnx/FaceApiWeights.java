package org.facegrid.inference.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tensors of a face-api (tfjs) weights manifest and its binary shard, dequantised to float32:
 * value = q * scale + min, per tensor, as tfjs computes it (in double, then rounded to float).
 */
public final class FaceApiWeights {
    /** A weight tensor: its shape as tfjs gives it, values in row-major order. */
    public record Tensor(int[] shape, float[] values) {
        public int dim(int i) {
            return shape[i];
        }

        /** Convolution filters, stored by tfjs as [kh, kw, in, out], in ONNX's [out, in, kh, kw] order. */
        public float[] oihw() {
            int kernelH = shape[0];
            int kernelW = shape[1];
            int in = shape[2];
            int out = shape[3];
            float[] result = new float[values.length];
            for (int kh = 0; kh < kernelH; kh++) {
                for (int kw = 0; kw < kernelW; kw++) {
                    for (int i = 0; i < in; i++) {
                        for (int o = 0; o < out; o++) {
                            result[((o * in + i) * kernelH + kh) * kernelW + kw] =
                                    values[((kh * kernelW + kw) * in + i) * out + o];
                        }
                    }
                }
            }
            return result;
        }
    }

    private final Map<String, Tensor> tensors;

    private FaceApiWeights(Map<String, Tensor> tensors) {
        this.tensors = tensors;
    }

    @SuppressWarnings("unchecked")
    public static FaceApiWeights read(byte[] manifestJson, byte[] shard) {
        List<Object> groups = (List<Object>) MiniJson.parse(new String(manifestJson, StandardCharsets.UTF_8));
        if (groups.size() != 1) {
            throw new IllegalArgumentException("expected one weight group with one shard, found " + groups.size());
        }
        Map<String, Object> group = (Map<String, Object>) groups.get(0);
        ByteBuffer data = ByteBuffer.wrap(shard).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Object entry : (List<Object>) group.get("weights")) {
            Map<String, Object> weight = (Map<String, Object>) entry;
            List<Object> dims = (List<Object>) weight.get("shape");
            int[] shape = dims.stream().mapToInt(d -> ((Double) d).intValue()).toArray();
            int count = 1;
            for (int d : shape) {
                count = Math.multiplyExact(count, d);
            }
            float[] values = new float[count];
            Map<String, Object> quantization = (Map<String, Object>) weight.get("quantization");
            if (quantization == null) {
                if (!"float32".equals(weight.get("dtype"))) {
                    throw new IllegalArgumentException(weight.get("name") + ": unsupported dtype " + weight.get("dtype"));
                }
                for (int i = 0; i < count; i++) {
                    values[i] = data.getFloat();
                }
            } else {
                if (!"uint8".equals(quantization.get("dtype"))) {
                    throw new IllegalArgumentException(weight.get("name") + ": unsupported quantisation "
                            + quantization.get("dtype"));
                }
                double scale = (Double) quantization.get("scale");
                double min = (Double) quantization.get("min");
                for (int i = 0; i < count; i++) {
                    values[i] = (float) ((data.get() & 0xff) * scale + min);
                }
            }
            tensors.put((String) weight.get("name"), new Tensor(shape, values));
        }
        if (data.hasRemaining()) {
            throw new IllegalArgumentException("the shard has " + data.remaining() + " bytes the manifest does not describe");
        }
        return new FaceApiWeights(tensors);
    }

    public Tensor get(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no weight " + name + " in the manifest");
        }
        return tensor;
    }
}
