package org.facegrid.inference.bench;

import org.facegrid.inference.Face;
import org.facegrid.inference.FacePipeline;
import org.facegrid.inference.image.ImageDecoder;
import org.facegrid.inference.image.ImageLimits;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The whole pipeline (JPEG decode, detection with tiling, alignment, embedding) per 1920x1080 photo with one
 * and with four faces, made by placing dev portraits on a plain background. Usage: PipelineBenchmark FACES_DIR
 */
public final class PipelineBenchmark {
    public static void main(String[] args) throws Exception {
        Path dev = Path.of(args[0]).resolve("dev");
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        List<String> people = List.of("barack_obama/1.jpg", "joe_biden/1.jpg", "jennifer_aniston/1.jpg", "kit_harington/1.jpg");
        int rounds = Integer.parseInt(System.getProperty("rounds", "10"));
        try (FacePipeline pipeline = FacePipeline.withDefaults()) {
            for (int count : new int[] {1, 4}) {
                BufferedImage scene = new BufferedImage(1920, 1080, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = scene.createGraphics();
                g.setColor(new Color(120, 130, 125));
                g.fillRect(0, 0, 1920, 1080);
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                for (int i = 0; i < count; i++) {
                    BufferedImage portrait = decoder.decode(Files.readAllBytes(dev.resolve(people.get(i))));
                    int h = 420;
                    int w = portrait.getWidth() * h / portrait.getHeight();
                    g.drawImage(portrait, 60 + i * 460, 300, Math.min(w, 440), h, null);
                }
                g.dispose();
                ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
                ImageIO.write(scene, "jpg", jpeg);
                byte[] bytes = jpeg.toByteArray();
                List<Face> faces = pipeline.analyse(bytes); // warm up
                long start = System.nanoTime();
                for (int r = 0; r < rounds; r++) {
                    pipeline.analyse(bytes);
                }
                System.out.printf(Locale.ROOT, "pipeline 1920x1080 faces_placed=%d faces_found=%d ms_per_photo=%.1f%n",
                        count, faces.size(), (System.nanoTime() - start) / 1e6 / rounds);
            }
        }
    }
}
