package org.facegrid.inference.detection;

/**
 * Cuts a square out of an RGB image and scales it to the model's input: area averaging when shrinking (no
 * aliasing, however large the photo), bilinear when enlarging. Outside the image is black, as MediaPipe pads.
 * Output is NHWC RGB in [-1, 1].
 */
final class Resampler {
    private Resampler() {
    }

    static float[] squareToModelInput(int[] pixels, int width, int height, int x0, int y0, int side, int size) {
        float[] out = new float[size * size * 3];
        float scale = (float) side / size;
        for (int oy = 0; oy < size; oy++) {
            for (int ox = 0; ox < size; ox++) {
                float r;
                float g;
                float b;
                if (scale > 1f) {
                    // average every source pixel the output pixel covers (outside the image counts as black)
                    int sx0 = x0 + (int) Math.floor(ox * scale);
                    int sx1 = x0 + Math.max((int) Math.floor((ox + 1) * scale), (int) Math.floor(ox * scale) + 1);
                    int sy0 = y0 + (int) Math.floor(oy * scale);
                    int sy1 = y0 + Math.max((int) Math.floor((oy + 1) * scale), (int) Math.floor(oy * scale) + 1);
                    long sr = 0, sg = 0, sb = 0;
                    for (int sy = Math.max(sy0, 0); sy < Math.min(sy1, height); sy++) {
                        int row = sy * width;
                        for (int sx = Math.max(sx0, 0); sx < Math.min(sx1, width); sx++) {
                            int p = pixels[row + sx];
                            sr += (p >> 16) & 0xff;
                            sg += (p >> 8) & 0xff;
                            sb += p & 0xff;
                        }
                    }
                    float n = (float) (sx1 - sx0) * (sy1 - sy0);
                    r = sr / n;
                    g = sg / n;
                    b = sb / n;
                } else {
                    float sx = x0 + (ox + 0.5f) * scale - 0.5f;
                    float sy = y0 + (oy + 0.5f) * scale - 0.5f;
                    int ix = (int) Math.floor(sx);
                    int iy = (int) Math.floor(sy);
                    float fx = sx - ix;
                    float fy = sy - iy;
                    int p00 = at(pixels, width, height, ix, iy);
                    int p10 = at(pixels, width, height, ix + 1, iy);
                    int p01 = at(pixels, width, height, ix, iy + 1);
                    int p11 = at(pixels, width, height, ix + 1, iy + 1);
                    r = lerp(channel(p00, 16), channel(p10, 16), channel(p01, 16), channel(p11, 16), fx, fy);
                    g = lerp(channel(p00, 8), channel(p10, 8), channel(p01, 8), channel(p11, 8), fx, fy);
                    b = lerp(channel(p00, 0), channel(p10, 0), channel(p01, 0), channel(p11, 0), fx, fy);
                }
                int o = (oy * size + ox) * 3;
                out[o] = r / 127.5f - 1f;
                out[o + 1] = g / 127.5f - 1f;
                out[o + 2] = b / 127.5f - 1f;
            }
        }
        return out;
    }

    private static int at(int[] pixels, int width, int height, int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0 : pixels[y * width + x];
    }

    private static float channel(int pixel, int shift) {
        return (pixel >> shift) & 0xff;
    }

    private static float lerp(float p00, float p10, float p01, float p11, float fx, float fy) {
        float top = p00 + (p10 - p00) * fx;
        float bottom = p01 + (p11 - p01) * fx;
        return top + (bottom - top) * fy;
    }
}
