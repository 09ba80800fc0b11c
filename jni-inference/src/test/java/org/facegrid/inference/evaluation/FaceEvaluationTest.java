package org.facegrid.inference.evaluation;

import org.facegrid.inference.FacePipeline;
import org.facegrid.inference.SharedFaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceEvaluationTest {

    @Test
    void reportsEveryFigureAndEndsWithTheSummaryLine(@TempDir Path dir) throws Exception {
        Path faces = SharedFaces.root();
        // a small labelled set: two people with three photos each, a landscape, and a stranger
        for (String person : List.of("barack_obama", "jennifer_aniston")) {
            Files.createDirectories(dir.resolve(person));
            for (String photo : List.of("1.jpg", "2.jpg", "3.jpg")) {
                Files.copy(faces.resolve("dev").resolve(person).resolve(photo), dir.resolve(person).resolve(photo));
            }
        }
        Files.createDirectories(dir.resolve("negatives/noface"));
        Files.copy(faces.resolve("negatives/noface/6.jpg"), dir.resolve("negatives/noface/6.jpg"));
        Files.createDirectories(dir.resolve("negatives/unknown_single"));
        Files.copy(faces.resolve("negatives/unknown_single/1.jpg"), dir.resolve("negatives/unknown_single/1.jpg"));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FacePipeline pipeline = FacePipeline.withDefaults()) {
            FaceEvaluation.run(pipeline, dir, dir.resolve("negatives"), 0.6, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("rank1=[01]\\.\\d{4} tar_far1=[01]\\.\\d{4} tar_far01=[01]\\.\\d{4} eer=[01]\\.\\d{4} "
                + "missed=\\d+ noface_faces=\\d+ unknown_accepted=\\d+"), last);
        assertTrue(last.startsWith("rank1=1.0000 "), "4 queries of 2 well-photographed people: " + last);
        assertTrue(last.endsWith("missed=0 noface_faces=0 unknown_accepted=0"), last);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("2 identities enrolled, 4 queries, 6 genuine and 9 impostor pairs")),
                String.join("\n", lines));
    }
}
