package org.facegrid.inference.evaluation;

import org.facegrid.inference.Face;
import org.facegrid.inference.FacePipeline;
import org.facegrid.inference.image.ImageRejectedException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code eval-faces DIR [--threshold T] [--negatives DIR]}: enrols the first photo (by name) of each
 * {@code DIR/<identity>/}, recognises the others, and reports identification, verification and open-set
 * figures. Negatives ({@code noface/}, {@code unknown_single/}) are read from {@code --negatives}, or
 * {@code DIR/negatives}, or {@code DIR/../negatives}. The last line printed is
 * {@code rank1=.. tar_far1=.. tar_far01=.. eer=.. missed=.. noface_faces=.. unknown_accepted=..}.
 */
public final class FaceEvaluation {
    private FaceEvaluation() {
    }

    record Sample(String identity, Path file, float[] descriptor) {
    }

    public static void main(String[] args) throws IOException {
        Path dir = null;
        Path negatives = null;
        double threshold = 0.6;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threshold" -> threshold = Double.parseDouble(args[++i]);
                case "--negatives" -> negatives = Path.of(args[++i]);
                default -> dir = Path.of(args[i]);
            }
        }
        if (dir == null || !Files.isDirectory(dir)) {
            System.err.println("usage: eval-faces DIR [--threshold T] [--negatives DIR]  (DIR holds <identity>/<image>)");
            System.exit(2);
        }
        if (negatives == null) {
            negatives = Files.isDirectory(dir.resolve("negatives")) ? dir.resolve("negatives") : dir.resolveSibling("negatives");
        }
        try (FacePipeline pipeline = FacePipeline.withDefaults()) {
            run(pipeline, dir, negatives, threshold, System.out);
        }
    }

    static void run(FacePipeline pipeline, Path dir, Path negatives, double threshold, PrintStream out) throws IOException {
        List<Sample> enrolled = new ArrayList<>();
        List<Sample> queries = new ArrayList<>();
        int missed = 0;
        long started = System.nanoTime();
        int photos = 0;
        for (Path identity : list(dir).stream().filter(Files::isDirectory)
                .filter(p -> !p.getFileName().toString().equals("negatives")).toList()) {
            List<Path> images = list(identity).stream().filter(Files::isRegularFile).toList();
            for (int i = 0; i < images.size(); i++) {
                photos++;
                float[] descriptor = largestFace(pipeline, images.get(i));
                if (descriptor == null) {
                    missed++;
                    out.println("no face: " + dir.relativize(images.get(i)));
                    continue;
                }
                Sample sample = new Sample(identity.getFileName().toString(), images.get(i), descriptor);
                // the first photo with a face enrols the identity
                if (enrolled.stream().noneMatch(s -> s.identity().equals(sample.identity()))) {
                    enrolled.add(sample);
                } else {
                    queries.add(sample);
                }
            }
        }
        int correct = 0;
        for (Sample q : queries) {
            Sample nearest = nearest(enrolled, q.descriptor());
            if (nearest != null && nearest.identity().equals(q.identity())) {
                correct++;
            } else {
                out.printf(Locale.ROOT, "rank-1 miss: %s -> %s%n", dir.relativize(q.file()), nearest == null ? "-" : nearest.identity());
            }
        }
        List<Sample> all = new ArrayList<>(enrolled);
        all.addAll(queries);
        List<Double> genuine = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                double d = FacePipeline.distance(all.get(i).descriptor(), all.get(j).descriptor());
                (all.get(i).identity().equals(all.get(j).identity()) ? genuine : impostor).add(d);
            }
        }
        VerificationCurve curve = new VerificationCurve(genuine.stream().mapToDouble(Double::doubleValue).toArray(),
                impostor.stream().mapToDouble(Double::doubleValue).toArray());

        int nofaceFaces = 0;
        Path noface = negatives.resolve("noface");
        if (Files.isDirectory(noface)) {
            for (Path image : list(noface)) {
                int found = pipeline.detect(Files.readAllBytes(image)).size();
                photos++;
                if (found > 0) {
                    out.println("faces on a no-face photo: " + image.getFileName() + " (" + found + ")");
                }
                nofaceFaces += found;
            }
        }
        int unknownAccepted = 0;
        Path unknown = negatives.resolve("unknown_single");
        if (Files.isDirectory(unknown)) {
            for (Path image : list(unknown)) {
                photos++;
                float[] descriptor = largestFace(pipeline, image);
                Sample nearest = descriptor == null ? null : nearest(enrolled, descriptor);
                if (nearest != null && FacePipeline.distance(descriptor, nearest.descriptor()) < threshold) {
                    unknownAccepted++;
                    out.println("unknown accepted: " + image.getFileName() + " as " + nearest.identity());
                }
            }
        }
        double rank1 = queries.isEmpty() ? 0 : (double) correct / queries.size();
        out.printf(Locale.ROOT, "%d identities enrolled, %d queries, %d genuine and %d impostor pairs, %d photos in %.1f s%n",
                enrolled.size(), queries.size(), genuine.size(), impostor.size(), photos,
                (System.nanoTime() - started) / 1e9);
        out.printf(Locale.ROOT, "rank1=%.4f tar_far1=%.4f tar_far01=%.4f eer=%.4f missed=%d noface_faces=%d unknown_accepted=%d%n",
                rank1, curve.tarAtFar(0.01), curve.tarAtFar(0.001), curve.equalErrorRate(), missed, nofaceFaces,
                unknownAccepted);
    }

    private static float[] largestFace(FacePipeline pipeline, Path image) throws IOException {
        try {
            List<Face> faces = pipeline.analyse(Files.readAllBytes(image));
            return faces.isEmpty() ? null : faces.get(0).descriptor();
        } catch (ImageRejectedException e) {
            return null;
        }
    }

    private static Sample nearest(List<Sample> enrolled, float[] descriptor) {
        return enrolled.stream()
                .min(Comparator.comparingDouble(s -> FacePipeline.distance(s.descriptor(), descriptor)))
                .orElse(null);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".tsv")
                    && !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
    }
}
