package org.facegrid.inference.detection;

import org.facegrid.inference.image.ImageDecoder;
import org.facegrid.inference.image.ImageLimits;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Prints how many faces are found in each photo of a folder tree (a tool for tuning, not a test). */
public class DetectionSurvey {
    public static void main(String[] args) throws Exception {
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        float minScore = args.length > 1 ? Float.parseFloat(args[1]) : 0.7f;
        float minConfirmation = args.length > 2 ? Float.parseFloat(args[2]) : 0.25f;
        try (FaceDetector detector = new FaceDetector(2);
             Stream<Path> files = Files.walk(Path.of(args[0]))) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".tsv") && !f.toString().endsWith(".md") && !f.toString().endsWith(".enc")).sorted().toList()) {
                long t = System.nanoTime();
                var image = decoder.decode(Files.readAllBytes(file));
                var faces = detector.detect(image, new DetectionOptions(minScore, 30, 0.3f, minConfirmation));
                System.out.printf("%-60s %5dx%-5d faces=%d %s %dms%n", file, image.getWidth(), image.getHeight(),
                        faces.size(), faces.stream().map(f -> String.format("%.2f@%.0f", f.score(), f.box().width())).toList(),
                        (System.nanoTime() - t) / 1_000_000);
            }
        }
    }
}
