package org.facegrid.inference.image;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns uploaded bytes into an upright 8-bit RGB image, or refuses them with an {@link ImageRejectedException}
 * that says why. JPEG, PNG and WebP are recognised by content; grayscale, palette, 16-bit and alpha images
 * become RGB (alpha over white); EXIF orientation is applied. The byte and pixel limits are checked before any
 * pixel is decoded. Thread-safe.
 */
public final class ImageDecoder {
    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    public BufferedImage decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageRejectedException(ImageRejectedException.Reason.EMPTY, "the image is empty (0 bytes)");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new ImageRejectedException(ImageRejectedException.Reason.TOO_MANY_BYTES,
                    "the image has " + bytes.length + " bytes; at most " + limits.maxBytes() + " are accepted");
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == null) {
            throw new ImageRejectedException(ImageRejectedException.Reason.NOT_AN_IMAGE,
                    "not a JPEG, PNG or WebP image");
        }
        BufferedImage decoded = read(bytes, format);
        BufferedImage rgb = toRgb(decoded);
        return format == ImageFormat.JPEG ? ExifOrientation.upright(rgb, ExifOrientation.of(bytes)) : rgb;
    }

    private BufferedImage read(byte[] bytes, ImageFormat format) {
        // in memory: ImageIO's default stream for a byte array goes through a temporary file
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new ImageRejectedException(ImageRejectedException.Reason.UNSUPPORTED_IMAGE,
                        "no decoder for this " + format + " image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT,
                            "the " + format + " header declares a " + width + "x" + height + " image");
                }
                if (width * height > limits.maxPixels()) {
                    throw new ImageRejectedException(ImageRejectedException.Reason.TOO_MANY_PIXELS,
                            "the image is " + width + "x" + height + " (" + width * height + " pixels); at most "
                                    + limits.maxPixels() + " pixels are accepted");
                }
                // Some decoders fill in a cut-off image and only warn; a truncated image is refused all the same.
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((IIOReadWarningListener) (source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (warnings.stream().anyMatch(w -> w.toLowerCase().contains("premature end"))) {
                    throw new ImageRejectedException(ImageRejectedException.Reason.TRUNCATED,
                            "the " + format + " image is cut off: " + warnings);
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageRejectedException e) {
            throw e;
        } catch (EOFException e) {
            throw new ImageRejectedException(ImageRejectedException.Reason.TRUNCATED,
                    "the " + format + " image is cut off", e);
        } catch (IIOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Unsupported")) {
                throw new ImageRejectedException(ImageRejectedException.Reason.UNSUPPORTED_IMAGE,
                        "this " + format + " variant is not supported (" + message + "); send an RGB or grayscale image", e);
            }
            Throwable cause = e.getCause();
            if (cause instanceof EOFException || message.toLowerCase().contains("eof")) {
                throw new ImageRejectedException(ImageRejectedException.Reason.TRUNCATED,
                        "the " + format + " image is cut off", e);
            }
            throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT,
                    "the " + format + " image cannot be decoded: " + message, e);
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT,
                    "the " + format + " image cannot be decoded: " + e, e);
        }
    }

    /** 8-bit RGB whatever came in: gray, palette, 16 bits per sample, alpha (drawn over white). */
    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
