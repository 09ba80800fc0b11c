package org.facegrid.it.domain;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A normal {@code facegrid stop} of a cluster that has been working (the destructive classes before this one
 * restored, migrated and restarted it) writes no ERROR line and no uncaught exception into any log of any host:
 * an operator reading the logs can tell a clean stop from a failure. The last class of its cluster.
 */
@UsesCluster(value = ClusterSpec.THREE_HOSTS_DESTRUCTIVE, order = 4)
class CleanStopIT extends ClusterScenario {
    /** An ERROR record, or a stack trace's head line written straight to a log (an uncaught exception). */
    private static final Pattern TROUBLE = Pattern.compile("^\\S+ \\S+ ERROR |^Exception in thread |^\\S*(Exception|Error): ");

    CleanStopIT(Cluster cluster) {
        super(cluster);
    }

    @Test
    void aNormalStopWritesNoErrorIntoAnyLog() throws IOException {
        Map<Path, Long> before = new LinkedHashMap<>();
        for (Path log : logs()) {
            before.put(log, Files.size(log));
        }
        assertTrue(before.keySet().stream().filter(l -> l.endsWith("server.log")).count() >= 3, before.toString());

        FacegridCommand.Result stop = cluster.stop();
        stop.expectSuccess("facegrid stop");
        assertFalse(stop.output().contains("killing"), "the stop had to kill processes: " + stop.output());

        List<String> trouble = new ArrayList<>();
        for (Path log : logs()) {
            String written = writtenSince(log, before.getOrDefault(log, 0L));
            written.lines().filter(l -> TROUBLE.matcher(l).find())
                    .forEach(l -> trouble.add(cluster.var().relativize(log) + ": " + l));
        }
        assertEquals(List.of(), trouble, "what the stop wrote into the logs");
    }

    private List<Path> logs() throws IOException {
        try (Stream<Path> files = Files.walk(cluster.var())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log") && Files.isRegularFile(f))
                    .filter(f -> !f.getFileName().toString().equals("audit.log")).sorted().toList();
        }
    }

    private static String writtenSince(Path log, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long from = offset <= length ? offset : 0; // rotated: all of it is new
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
