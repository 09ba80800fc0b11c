package org.facegrid.inference.image;

/**
 * What an image may cost before it is decoded: its size in bytes, and its width x height as the header
 * declares it (checked before any pixel is decoded, so a decompression bomb is refused cheaply).
 */
public record ImageLimits(long maxBytes, long maxPixels) {
    /** 25 MB and 50 megapixels: a 48-MP phone photo passes, a bomb does not. */
    public static final ImageLimits DEFAULT = new ImageLimits(25L * 1024 * 1024, 50_000_000L);

    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
