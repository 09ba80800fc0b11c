package org.facegrid.it;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Images for the API tests: the labelled photos in ../shared/faces, and images the tests draw. */
public final class TestImages {
    public static final Path SHARED_FACES = Path.of(System.getProperty("facegrid.shared.faces", "../../shared/faces"));

    private TestImages() {
    }

    /**
     * A folder of the shared photos. Without them the calling test fails, saying why: they sit beside the
     * repository as shared/faces and .ci/run refuses to start without them, so their absence is never a skip.
     */
    public static Path sharedFaces(String sub) {
        Path dir = SHARED_FACES.resolve(sub);
        assertTrue(Files.isDirectory(dir), "the labelled face photos are not at " + dir.toAbsolutePath()
                + " (they sit beside the repository as shared/faces); this test needs them");
        return dir;
    }

    /** The photos of one identity folder, in name order. */
    public static List<Path> photos(Path identity) {
        try (Stream<Path> files = Files.list(identity)) {
            return files.filter(f -> f.getFileName().toString().matches("(?i).+\\.(jpe?g|png)")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Photo {@code index} (in name order) of one identity of the shared dev set. */
    public static byte[] devPhoto(String identity, int index) {
        return read(photos(sharedFaces("dev").resolve(identity)).get(index));
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain picture with no face in it: a grey field with a few shapes. */
    public static byte[] noFacePng() {
        BufferedImage image = new BufferedImage(480, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(180, 180, 170));
        g.fillRect(0, 0, 480, 360);
        g.setColor(new Color(40, 90, 160));
        g.fillRect(50, 200, 120, 80);
        g.setColor(new Color(200, 60, 40));
        g.fillOval(300, 60, 90, 90);
        g.dispose();
        return encode(image, "png");
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small real JPEG whose header claims the given size: a decompression bomb the server must refuse cheaply. */
    public static byte[] jpegClaiming(int width, int height) {
        byte[] jpeg = encode(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "jpeg");
        for (int i = 2; i + 9 < jpeg.length; i++) {
            int marker = jpeg[i + 1] & 0xff;
            if ((jpeg[i] & 0xff) == 0xff && (marker == 0xc0 || marker == 0xc2)) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF marker in the JPEG the test made");
    }

    /** The first half of a JPEG: a truncated upload. */
    public static byte[] truncated(byte[] jpeg) {
        return Arrays.copyOf(jpeg, jpeg.length / 2);
    }

    /** The boundary of the multipart/form-data bodies made here. */
    public static final String BOUNDARY = "facegrid-test-boundary-7d1f";

    /** A multipart/form-data body: text fields (name, value pairs), then an "image" part. */
    public static byte[] multipart(byte[] image, String imageType, String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fields[i]
                    + "\"\r\n\r\n" + fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        imagePart(out, "image", imageType, image);
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A multipart/form-data body of one file part with the given name (a misnamed photo, say). */
    public static byte[] multipartPart(String name, String type, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        imagePart(out, name, type, bytes);
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A multipart/form-data body with two JPEG parts, "image" and "image2" (verification). */
    public static byte[] multipartPair(byte[] image, byte[] image2) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        imagePart(out, "image", "image/jpeg", image);
        imagePart(out, "image2", "image/jpeg", image2);
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void imagePart(ByteArrayOutputStream out, String name, String type, byte[] bytes) {
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"; filename=\"" + name + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
}
