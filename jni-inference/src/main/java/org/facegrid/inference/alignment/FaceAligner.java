package org.facegrid.inference.alignment;

import org.facegrid.inference.detection.DetectedFace;
import org.facegrid.inference.detection.Point;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Cuts a face out of a photo as the 150x150 chip the dlib ResNet was trained on: the similarity transform
 * (scale, rotation, shift; no shear) that best maps the eyes, nose tip and mouth onto their places in a chip
 * (least squares), then bilinear sampling.
 *
 * <p>The places were measured: BlazeFace's keypoints averaged over dlib-made chips (dev/john_*), made
 * left-right symmetric.
 */
public final class FaceAligner {
    public static final int CHIP_SIZE = 150;
    /** Right eye, left eye, nose tip, mouth centre, in chip pixels. */
    static final float[][] TEMPLATE = {{50.0f, 46.7f}, {100.0f, 46.7f}, {75.0f, 79.6f}, {75.0f, 102.3f}};

    private FaceAligner() {
    }

    public static BufferedImage chip(BufferedImage image, DetectedFace face) {
        Similarity toChip = Similarity.fit(face.keypoints().subList(0, TEMPLATE.length), TEMPLATE);
        return sample(image, toChip.inverse());
    }

    /** Fills a chip by sampling the image at the inverse-transformed position of each chip pixel. */
    static BufferedImage sample(BufferedImage image, Similarity chipToImage) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] src = image.getRGB(0, 0, width, height, null, 0, width);
        int[] out = new int[CHIP_SIZE * CHIP_SIZE];
        for (int v = 0; v < CHIP_SIZE; v++) {
            for (int u = 0; u < CHIP_SIZE; u++) {
                float[] p = chipToImage.apply(u, v);
                out[v * CHIP_SIZE + u] = bilinear(src, width, height, p[0], p[1]);
            }
        }
        BufferedImage chip = new BufferedImage(CHIP_SIZE, CHIP_SIZE, BufferedImage.TYPE_INT_RGB);
        chip.setRGB(0, 0, CHIP_SIZE, CHIP_SIZE, out, 0, CHIP_SIZE);
        return chip;
    }

    private static int bilinear(int[] src, int width, int height, float x, float y) {
        int ix = (int) Math.floor(x);
        int iy = (int) Math.floor(y);
        float fx = x - ix;
        float fy = y - iy;
        int result = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            float top = channel(src, width, height, ix, iy, shift) * (1 - fx)
                    + channel(src, width, height, ix + 1, iy, shift) * fx;
            float bottom = channel(src, width, height, ix, iy + 1, shift) * (1 - fx)
                    + channel(src, width, height, ix + 1, iy + 1, shift) * fx;
            int value = Math.round(top * (1 - fy) + bottom * fy);
            result |= Math.max(0, Math.min(255, value)) << shift;
        }
        return result;
    }

    /** Outside the photo the nearest edge pixel continues, so a face at the border gets no black wedge. */
    private static float channel(int[] src, int width, int height, int x, int y, int shift) {
        int cx = Math.max(0, Math.min(width - 1, x));
        int cy = Math.max(0, Math.min(height - 1, y));
        return (src[cy * width + cx] >> shift) & 0xff;
    }

    /** x' = a*x - b*y + tx, y' = b*x + a*y + ty: scale sqrt(a^2+b^2), rotation atan2(b, a). */
    record Similarity(float a, float b, float tx, float ty) {
        static Similarity fit(List<Point> from, float[][] to) {
            int n = to.length;
            float mx = 0, my = 0, nx = 0, ny = 0;
            for (int i = 0; i < n; i++) {
                mx += from.get(i).x() / n;
                my += from.get(i).y() / n;
                nx += to[i][0] / n;
                ny += to[i][1] / n;
            }
            double dot = 0, cross = 0, norm = 0;
            for (int i = 0; i < n; i++) {
                double px = from.get(i).x() - mx;
                double py = from.get(i).y() - my;
                double qx = to[i][0] - nx;
                double qy = to[i][1] - ny;
                dot += px * qx + py * qy;
                cross += px * qy - py * qx;
                norm += px * px + py * py;
            }
            if (norm == 0) {
                throw new IllegalArgumentException("the keypoints coincide; no face to align");
            }
            float a = (float) (dot / norm);
            float b = (float) (cross / norm);
            return new Similarity(a, b, nx - (a * mx - b * my), ny - (b * mx + a * my));
        }

        float[] apply(float x, float y) {
            return new float[] {a * x - b * y + tx, b * x + a * y + ty};
        }

        Similarity inverse() {
            float d = a * a + b * b;
            float ia = a / d;
            float ib = -b / d;
            return new Similarity(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
        }
    }
}
