package org.facegrid.inference.image;

import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 in the APP1 "Exif" segment), and turning an image upright by it.
 * Cameras store pixels as the sensor saw them and record how to turn them; faces must be upright.
 */
final class ExifOrientation {
    private ExifOrientation() {
    }

    /** 1..8 as EXIF defines it; 1 (upright) when absent or unreadable. */
    static int of(byte[] jpeg) {
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xff) {
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == 0xda || marker == 0xd9) {
                break; // image data starts: no more metadata segments
            }
            int length = ((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff);
            if (length < 2 || pos + 2 + length > jpeg.length) {
                break;
            }
            if (marker == 0xe1 && length >= 16 && jpeg[pos + 4] == 'E' && jpeg[pos + 5] == 'x' && jpeg[pos + 6] == 'i'
                    && jpeg[pos + 7] == 'f') {
                return fromTiff(jpeg, pos + 10, pos + 2 + length);
            }
            pos += 2 + length;
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * 12;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == 0x0112) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 : (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static long u32(byte[] b, int i, boolean little) {
        return little ? (u16(b, i, true) | (long) u16(b, i + 2, true) << 16)
                : ((long) u16(b, i, false) << 16 | u16(b, i + 2, false));
    }

    /** The image (TYPE_INT_RGB) turned upright for the given orientation. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        int[] in = image.getRGB(0, 0, w, h, null, 0, w);
        int[] out = new int[in.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }             // mirrored
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }     // upside down
                    case 4 -> { sx = x; sy = h - 1 - y; }             // mirrored vertically
                    case 5 -> { sx = y; sy = x; }                     // transposed
                    case 6 -> { sx = y; sy = h - 1 - x; }             // needs a quarter turn clockwise
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }     // transversed
                    default -> { sx = w - 1 - y; sy = x; }            // 8: needs a quarter turn counter-clockwise
                }
                out[y * outW + x] = in[sy * w + sx];
            }
        }
        BufferedImage result = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, outW, outH, out, 0, outW);
        return result;
    }
}
