package org.facegrid.inference.detection;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.facegrid.inference.onnx.OnnxSessions;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Face detection with MediaPipe BlazeFace on ONNX Runtime (the 256x256 "back" model for scenes, or the
 * 128x128 "front" model for close-ups). Thread-safe; the model is loaded once.
 *
 * <p>BlazeFace sees a square of 256 pixels, where a face needs about 20 pixels to be found. Small faces in a
 * large photo are found by looking again at overlapping tiles, from tiles where the smallest face asked for
 * ({@link DetectionOptions#minFaceSize()}) is 20 pixels in the model's input, doubling up to the whole photo. Detections from
 * all tiles are merged by weighted non-maximum suppression (the average of overlapping boxes, weighted by
 * score, as MediaPipe does).
 *
 * <p>One BlazeFace run is too small for ONNX Runtime to spread over several threads (7 ms on one thread or two),
 * so the model runs single-threaded and the tiles of a photo are spread over {@code threads} threads instead.
 */
final class BlazeFaceDetector implements AutoCloseable {
    /** Pixels a face needs in the model input to be found reliably. */
    private static final float FACE_PIXELS_IN_MODEL = 20f;
    private static final int KEYPOINTS = 6;

    private final OrtSession session;
    private final ExecutorService tileRunners;
    private final int inputSize;
    private final float[][] anchors; // [n][cx, cy]
    private final int firstLayerAnchors;

    /**
     * @param model the ONNX model's bytes
     * @param inputSize 256 for the back model, 128 for the front model
     */
    BlazeFaceDetector(byte[] model, int inputSize, int threads) {
        if (inputSize != 256 && inputSize != 128) {
            throw new IllegalArgumentException("BlazeFace models take 128 or 256 pixels, not " + inputSize);
        }
        this.inputSize = inputSize;
        // back-256 uses strides 16 and 32, front-128 strides 8 and 16: a 16x16 grid with 2 anchors per cell,
        // then an 8x8 grid with 6 anchors per cell (896 in all).
        List<float[]> list = new ArrayList<>();
        addAnchors(list, 16, 2);
        this.firstLayerAnchors = list.size();
        addAnchors(list, 8, 6);
        this.anchors = list.toArray(new float[0][]);
        this.session = OnnxSessions.create(model, 1, "BlazeFace model");
        this.tileRunners = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "facegrid-blazeface-tiles");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A square of the photo that BlazeFace looks at: its top-left corner and side, in photo pixels. */
    private record Tile(int x0, int y0, int side) {
    }

    private static void addAnchors(List<float[]> list, int grid, int perCell) {
        for (int y = 0; y < grid; y++) {
            for (int x = 0; x < grid; x++) {
                for (int a = 0; a < perCell; a++) {
                    list.add(new float[] {(x + 0.5f) / grid, (y + 0.5f) / grid});
                }
            }
        }
    }

    /** The faces BlazeFace sees in an image given as packed RGB pixels (row after row), merged across tiles. */
    List<DetectedFace> detect(int[] pixels, int width, int height, DetectionOptions options) {
        List<Future<List<DetectedFace>>> runs = new ArrayList<>();
        for (Tile tile : tiles(width, height, options)) {
            runs.add(tileRunners.submit(() -> detectInTile(pixels, width, height, tile, options)));
        }
        List<DetectedFace> candidates = new ArrayList<>();
        try {
            for (Future<List<DetectedFace>> run : runs) {
                candidates.addAll(run.get());
            }
        } catch (InterruptedException e) {
            runs.forEach(run -> run.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while detecting faces", e);
        } catch (ExecutionException e) {
            runs.forEach(run -> run.cancel(true));
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        return mergeOverlapping(candidates, options.mergeOverlap());
    }

    private List<Tile> tiles(int width, int height, DetectionOptions options) {
        List<Tile> tiles = new ArrayList<>();
        // A face that fills the picture (a close-up, a face crop) is found on a canvas twice the size.
        int canvas = 2 * Math.max(width, height);
        tiles.add(new Tile((width - canvas) / 2, (height - canvas) / 2, canvas));
        int largest = Math.max(width, height);
        int smallestTile = Math.max(inputSize / 2,
                Math.round(options.minFaceSize() * inputSize / FACE_PIXELS_IN_MODEL));
        // Tile sizes double from the smallest up to the whole photo. A tile of side T finds faces from T/12.8
        // (20 model pixels) up to T/3 (the overlap, so some tile holds the face whole): doubling leaves no gap.
        for (int tile = Math.min(smallestTile, largest); ; tile = Math.min(tile * 2, largest)) {
            boolean whole = tile >= largest;
            int step = whole ? tile : tile * 2 / 3; // a third of each tile overlaps the next
            for (int ty = 0; ty < height; ty += step) {
                for (int tx = 0; tx < width; tx += step) {
                    int x0 = whole ? 0 : Math.min(tx, Math.max(0, width - tile));
                    int y0 = whole ? 0 : Math.min(ty, Math.max(0, height - tile));
                    tiles.add(new Tile(x0, y0, tile));
                    if (x0 + tile >= width) {
                        break;
                    }
                }
                if (whole || ty + tile >= height) {
                    break;
                }
            }
            if (whole) {
                return tiles;
            }
        }
    }

    private List<DetectedFace> detectInTile(int[] pixels, int width, int height, Tile tile, DetectionOptions options) {
        int x0 = tile.x0();
        int y0 = tile.y0();
        float[] input = Resampler.squareToModelInput(pixels, width, height, x0, y0, tile.side(), inputSize);
        List<DetectedFace> out = new ArrayList<>();
        float[][] scores = new float[2][];
        float[][][] boxes = new float[2][][];
        try (OnnxTensor tensor = OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(input),
                new long[] {1, inputSize, inputSize, 3});
             OrtSession.Result result = session.run(Map.of("input:0", tensor))) {
            scores[0] = flatten(((float[][][]) result.get("Identity:0").orElseThrow().getValue())[0]);
            scores[1] = flatten(((float[][][]) result.get("Identity_1:0").orElseThrow().getValue())[0]);
            boxes[0] = ((float[][][]) result.get("Identity_2:0").orElseThrow().getValue())[0];
            boxes[1] = ((float[][][]) result.get("Identity_3:0").orElseThrow().getValue())[0];
        } catch (OrtException e) {
            throw new IllegalStateException("BlazeFace failed: " + e.getMessage(), e);
        }
        float scale = (float) tile.side() / inputSize;
        for (int layer = 0; layer < 2; layer++) {
            int base = layer == 0 ? 0 : firstLayerAnchors;
            for (int i = 0; i < scores[layer].length; i++) {
                float score = sigmoid(scores[layer][i]);
                if (score < options.minScore()) {
                    continue;
                }
                float[] raw = boxes[layer][i];
                float[] anchor = anchors[base + i];
                // Offsets are in model pixels around the anchor centre; MediaPipe's decoding.
                float cx = raw[0] + anchor[0] * inputSize;
                float cy = raw[1] + anchor[1] * inputSize;
                float w = raw[2];
                float h = raw[3];
                Box box = new Box(x0 + (cx - w / 2) * scale, y0 + (cy - h / 2) * scale, w * scale, h * scale);
                if (box.width() < options.minFaceSize() || cutByTile(box, x0, y0, tile.side(), width, height)) {
                    continue;
                }
                List<Point> keypoints = new ArrayList<>(KEYPOINTS);
                for (int k = 0; k < KEYPOINTS; k++) {
                    keypoints.add(new Point(x0 + (raw[4 + 2 * k] + anchor[0] * inputSize) * scale,
                            y0 + (raw[5 + 2 * k] + anchor[1] * inputSize) * scale));
                }
                out.add(new DetectedFace(box, score, keypoints));
            }
        }
        return out;
    }

    /** A face cut by an inner tile edge is left to the neighbouring tile, which sees it whole. */
    private static boolean cutByTile(Box box, int x0, int y0, int tile, int width, int height) {
        boolean left = box.x() < x0 && x0 > 0;
        boolean top = box.y() < y0 && y0 > 0;
        boolean right = box.x() + box.width() > x0 + tile && x0 + tile < width;
        boolean bottom = box.y() + box.height() > y0 + tile && y0 + tile < height;
        return left || top || right || bottom;
    }

    /**
     * Weighted non-maximum suppression: each face is the score-weighted mean of the detections that overlap it.
     * A weaker detection lying mostly inside a stronger one is part of it too: finer tiles see pieces of a
     * large face (an eye and a nose) as small faces.
     */
    static List<DetectedFace> mergeOverlapping(List<DetectedFace> candidates, float overlap) {
        List<DetectedFace> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
        List<DetectedFace> faces = new ArrayList<>();
        while (!remaining.isEmpty()) {
            DetectedFace best = remaining.get(0);
            List<DetectedFace> cluster = new ArrayList<>();
            List<DetectedFace> rest = new ArrayList<>();
            for (DetectedFace candidate : remaining) {
                boolean sameFace = candidate.box().iou(best.box()) > overlap
                        || candidate.box().coveredBy(best.box()) > 0.5f;
                (sameFace ? cluster : rest).add(candidate);
            }
            remaining = rest;
            float total = 0f;
            float x = 0f, y = 0f, w = 0f, h = 0f;
            float[] kx = new float[KEYPOINTS];
            float[] ky = new float[KEYPOINTS];
            for (DetectedFace f : cluster) {
                float s = f.score();
                total += s;
                x += f.box().x() * s;
                y += f.box().y() * s;
                w += f.box().width() * s;
                h += f.box().height() * s;
                for (int k = 0; k < KEYPOINTS; k++) {
                    kx[k] += f.keypoints().get(k).x() * s;
                    ky[k] += f.keypoints().get(k).y() * s;
                }
            }
            List<Point> keypoints = new ArrayList<>(KEYPOINTS);
            for (int k = 0; k < KEYPOINTS; k++) {
                keypoints.add(new Point(kx[k] / total, ky[k] / total));
            }
            faces.add(new DetectedFace(new Box(x / total, y / total, w / total, h / total), best.score(), keypoints));
        }
        return faces;
    }

    private static float[] flatten(float[][] column) {
        float[] out = new float[column.length];
        for (int i = 0; i < column.length; i++) {
            out[i] = column[i][0];
        }
        return out;
    }

    private static float sigmoid(float logit) {
        float clipped = Math.max(-100f, Math.min(100f, logit));
        return (float) (1.0 / (1.0 + Math.exp(-clipped)));
    }

    @Override
    public void close() {
        tileRunners.shutdownNow();
        OnnxSessions.close(session);
    }
}
