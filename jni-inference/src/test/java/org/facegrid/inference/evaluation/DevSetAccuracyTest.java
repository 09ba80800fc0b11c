package org.facegrid.inference.evaluation;

import org.facegrid.inference.FacePipeline;
import org.facegrid.inference.SharedFaces;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accuracy line bench/RESULTS.md reports for shared/faces/dev (threshold 0.6) is what the pipeline gives:
 * the whole evaluation runs here and no figure may be worse than the one reported.
 */
class DevSetAccuracyTest {
    /** Figures where higher is better; the others (eer and the counts of failures) are better lower. */
    private static final List<String> HIGHER_IS_BETTER = List.of("rank1", "tar_far1", "tar_far01");

    @Test
    void theDevSetGivesTheFiguresBenchResultsReports() throws Exception {
        Map<String, Double> reported = figures(reportedLine());
        Path faces = SharedFaces.root();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FacePipeline pipeline = FacePipeline.withDefaults()) {
            FaceEvaluation.run(pipeline, faces.resolve("dev"), faces.resolve("negatives"), 0.6,
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        String measuredLine = lines.get(lines.size() - 1);
        System.out.println("dev set: " + measuredLine);
        Map<String, Double> measured = figures(measuredLine);
        assertEquals(reported.keySet(), measured.keySet(), measuredLine);
        for (Map.Entry<String, Double> figure : reported.entrySet()) {
            double now = measured.get(figure.getKey());
            boolean noWorse = HIGHER_IS_BETTER.contains(figure.getKey()) ? now >= figure.getValue() : now <= figure.getValue();
            assertTrue(noWorse, figure.getKey() + " is " + now + ", bench/RESULTS.md reports " + figure.getValue()
                    + "\nmeasured: " + measuredLine);
        }
    }

    /** The evaluation line in bench/RESULTS.md's "Face evaluation" section. */
    private static String reportedLine() throws Exception {
        Path results = Path.of(System.getProperty("facegrid.bench.results", "../bench/RESULTS.md"));
        return Files.readAllLines(results).stream().filter(l -> l.startsWith("rank1=")).findFirst()
                .orElseThrow(() -> new AssertionError("no rank1=... line in " + results.toAbsolutePath()));
    }

    private static Map<String, Double> figures(String line) {
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String pair : line.strip().split(" ")) {
            String[] nameValue = pair.split("=");
            figures.put(nameValue[0], Double.parseDouble(nameValue[1]));
        }
        return figures;
    }
}
