package org.facegrid.inference.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an ONNX model (the ModelProto protobuf) with the few messages a feed-forward graph needs: nodes with
 * int / ints attributes, float32 and int64 initializers, and float32 inputs and outputs whose first dimension is
 * the batch. Field numbers are those of onnx.proto (IR version 7, opset 13).
 */
public final class OnnxModelWriter {
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private int nodeCount;

    /** A node; attributes are name/value pairs where a value is a Long or a long[]. */
    public OnnxModelWriter node(String opType, List<String> in, String out, Object... attributes) {
        Message node = new Message();
        in.forEach(name -> node.string(1, name));
        node.string(2, out);
        node.string(3, opType.toLowerCase() + "_" + nodeCount++);
        node.string(4, opType);
        for (int i = 0; i < attributes.length; i += 2) {
            Message attribute = new Message();
            attribute.string(1, (String) attributes[i]);
            if (attributes[i + 1] instanceof long[] values) {
                for (long v : values) {
                    attribute.int64(8, v);
                }
                attribute.int64(20, 7); // INTS
            } else {
                attribute.int64(3, (Long) attributes[i + 1]);
                attribute.int64(20, 2); // INT
            }
            node.message(5, attribute);
        }
        nodes.add(node.bytes());
        return this;
    }

    public OnnxModelWriter floatInitializer(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        initializers.add(tensor(name, dims, FLOAT, raw.array()));
        return this;
    }

    public OnnxModelWriter int64Initializer(String name, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        initializers.add(tensor(name, new long[] {values.length}, INT64, raw.array()));
        return this;
    }

    /** A float32 graph input or output: first dimension "batch", the others fixed. */
    public OnnxModelWriter input(String name, long... fixedDims) {
        inputs.add(valueInfo(name, fixedDims));
        return this;
    }

    public OnnxModelWriter output(String name, long... fixedDims) {
        outputs.add(valueInfo(name, fixedDims));
        return this;
    }

    public byte[] write(String graphName) {
        Message graph = new Message();
        nodes.forEach(n -> graph.raw(1, n));
        graph.string(2, graphName);
        initializers.forEach(t -> graph.raw(5, t));
        inputs.forEach(i -> graph.raw(11, i));
        outputs.forEach(o -> graph.raw(12, o));
        Message opset = new Message();
        opset.string(1, "");
        opset.int64(2, 13);
        Message model = new Message();
        model.int64(1, 7);               // ir_version
        model.string(2, "facegrid");     // producer_name
        model.message(7, graph);
        model.message(8, opset);
        return model.bytes();
    }

    private static byte[] tensor(String name, long[] dims, int type, byte[] raw) {
        Message tensor = new Message();
        for (long d : dims) {
            tensor.int64(1, d);
        }
        tensor.int64(2, type);
        tensor.string(8, name);
        tensor.raw(9, raw);
        return tensor.bytes();
    }

    private static byte[] valueInfo(String name, long[] fixedDims) {
        Message shape = new Message();
        Message batch = new Message();
        batch.string(2, "batch");
        shape.message(1, batch);
        for (long d : fixedDims) {
            Message dim = new Message();
            dim.int64(1, d);
            shape.message(1, dim);
        }
        Message tensorType = new Message();
        tensorType.int64(1, FLOAT);
        tensorType.message(2, shape);
        Message type = new Message();
        type.message(1, tensorType);
        Message info = new Message();
        info.string(1, name);
        info.message(2, type);
        return info.bytes();
    }

    /** Protobuf wire format: varints and length-delimited fields, which is all ONNX needs here. */
    private static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void int64(int field, long value) {
            varint((long) field << 3);
            varint(value);
        }

        void string(int field, String value) {
            raw(field, value.getBytes(StandardCharsets.UTF_8));
        }

        void message(int field, Message message) {
            raw(field, message.bytes());
        }

        void raw(int field, byte[] bytes) {
            varint((long) field << 3 | 2);
            varint(bytes.length);
            out.writeBytes(bytes);
        }

        private void varint(long value) {
            while ((value & ~0x7fL) != 0) {
                out.write((int) (value & 0x7f) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
