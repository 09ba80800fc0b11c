package org.facegrid.inference.image;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no writer for " + format);
        return out.toByteArray();
    }

    static BufferedImage halves(int w, int h, Color left, Color right) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(left);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(right);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        return image;
    }

    private static ImageRejectedException.Reason rejection(ImageDecoder decoder, byte[] bytes) {
        return assertThrows(ImageRejectedException.class, () -> decoder.decode(bytes)).reason();
    }

    @Test
    void decodesJpegAndPngByContentNotName() throws IOException {
        BufferedImage source = halves(64, 32, Color.RED, Color.BLUE);
        for (String format : new String[] {"jpg", "png"}) {
            BufferedImage decoded = decoder.decode(encode(source, format));
            assertEquals(64, decoded.getWidth());
            assertEquals(32, decoded.getHeight());
            assertEquals(BufferedImage.TYPE_INT_RGB, decoded.getType());
            assertTrue(new Color(decoded.getRGB(5, 16)).getRed() > 200, format);
            assertTrue(new Color(decoded.getRGB(60, 16)).getBlue() > 200, format);
        }
    }

    @Test
    void grayscaleSixteenBitAndAlphaBecomeRgb() throws IOException {
        BufferedImage gray16 = new BufferedImage(10, 10, BufferedImage.TYPE_USHORT_GRAY);
        gray16.getRaster().setSample(3, 3, 0, 65535);
        BufferedImage decoded = decoder.decode(encode(gray16, "png"));
        assertEquals(0xffffff, decoded.getRGB(3, 3) & 0xffffff);
        assertEquals(0x000000, decoded.getRGB(0, 0) & 0xffffff);

        BufferedImage gray8 = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
        assertEquals(BufferedImage.TYPE_INT_RGB, decoder.decode(encode(gray8, "jpg")).getType());

        BufferedImage transparent = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB); // all transparent
        assertEquals(0xffffff, decoder.decode(encode(transparent, "png")).getRGB(5, 5) & 0xffffff,
                "transparent pixels are drawn over white");
    }

    @Test
    void exifOrientationIsApplied() throws IOException {
        byte[] jpeg = encode(halves(40, 20, Color.RED, Color.BLUE), "jpg");
        BufferedImage turned = decoder.decode(withOrientation(jpeg, 6)); // stored sideways: turn clockwise
        assertEquals(20, turned.getWidth());
        assertEquals(40, turned.getHeight());
        assertTrue(new Color(turned.getRGB(10, 5)).getRed() > 200, "the left half ends up on top");
        assertTrue(new Color(turned.getRGB(10, 35)).getBlue() > 200);

        BufferedImage upsideDown = decoder.decode(withOrientation(jpeg, 3));
        assertEquals(40, upsideDown.getWidth());
        assertTrue(new Color(upsideDown.getRGB(35, 10)).getRed() > 200, "left and right swap at 180 degrees");

        BufferedImage counter = decoder.decode(withOrientation(jpeg, 8));
        assertTrue(new Color(counter.getRGB(10, 35)).getRed() > 200, "the left half ends up at the bottom");
    }

    @Test
    void refusesWhatIsNotAnImage() {
        assertEquals(ImageRejectedException.Reason.EMPTY, rejection(decoder, new byte[0]));
        assertEquals(ImageRejectedException.Reason.NOT_AN_IMAGE, rejection(decoder, "hello, not a photo".getBytes()));
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        assertEquals(ImageRejectedException.Reason.NOT_AN_IMAGE, rejection(decoder, noise));
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0};
        assertEquals(ImageRejectedException.Reason.NOT_AN_IMAGE, rejection(decoder, gif));
    }

    @Test
    void refusesCutOffImages() throws IOException {
        BufferedImage photo = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(2);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                photo.setRGB(x, y, random.nextInt());
            }
        }
        byte[] jpeg = encode(photo, "jpg");
        assertEquals(ImageRejectedException.Reason.TRUNCATED,
                rejection(decoder, Arrays.copyOf(jpeg, jpeg.length / 2)));
        byte[] png = encode(photo, "png");
        ImageRejectedException.Reason png5 = rejection(decoder, Arrays.copyOf(png, png.length / 2));
        assertTrue(png5 == ImageRejectedException.Reason.TRUNCATED || png5 == ImageRejectedException.Reason.CORRUPT,
                png5.toString());
        ImageRejectedException.Reason stub = rejection(decoder, Arrays.copyOf(jpeg, 4));
        assertTrue(stub == ImageRejectedException.Reason.TRUNCATED || stub == ImageRejectedException.Reason.CORRUPT,
                "four bytes of a JPEG: " + stub);
    }

    @Test
    void limitsAreCheckedBeforeDecoding() throws IOException {
        byte[] png = encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png");
        byte[] bomb = withPngSize(png, 100_000, 100_000); // 10 gigapixels declared, a few bytes of data
        long start = System.nanoTime();
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> decoder.decode(bomb));
        assertEquals(ImageRejectedException.Reason.TOO_MANY_PIXELS, e.reason());
        assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused from the header, without decoding");

        ImageDecoder small = new ImageDecoder(new ImageLimits(100, 1_000_000));
        byte[] big = encode(halves(64, 64, Color.RED, Color.GREEN), "png");
        assertEquals(ImageRejectedException.Reason.TOO_MANY_BYTES, rejection(small, big));
        ImageDecoder fewPixels = new ImageDecoder(new ImageLimits(1_000_000, 1000));
        assertEquals(ImageRejectedException.Reason.TOO_MANY_PIXELS, rejection(fewPixels, big));
    }

    @Test
    void decodesAWebpPhotoNamedJpg() throws IOException {
        Path webp = org.facegrid.inference.SharedFaces.root().resolve("dev/scarlett_johansson/3.jpg");
        BufferedImage image = decoder.decode(Files.readAllBytes(webp));
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100);
    }

    /** A JPEG with an APP1 Exif segment holding only the orientation tag, right after SOI. */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8); // header, first IFD at 8
        tiff.putShort((short) 1);                                              // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);                                                        // no next IFD
        byte[] exif = "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.capacity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xff);
        out.write(0xe1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(exif);
        out.writeBytes(tiff.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The PNG with its IHDR width and height replaced (and the chunk's CRC fixed). */
    static byte[] withPngSize(byte[] png, int width, int height) {
        byte[] out = png.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        b.putInt(16, width).putInt(20, height); // IHDR data starts at 16: signature 8 + length 4 + type 4
        CRC32 crc = new CRC32();
        crc.update(out, 12, 4 + 13);
        b.putInt(12 + 4 + 13, (int) crc.getValue());
        return out;
    }
}
