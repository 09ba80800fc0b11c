package org.facegrid.backup;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.cluster.FacegridVersion;
import org.facegrid.jobs.JobRun;
import org.facegrid.storage.ObjectRecord;
import org.facegrid.storage.ObjectRecords;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Backup step "pack": turns the staging directory into one archive (cache dumps, {@code objects.tsv} with each
 * object's content type, the objects, then the manifest), renames it into place and removes the staging
 * directory. Runs again from the start when restarted: the staged entries are still there.
 */
@Named("archivePacker")
@Dependent
public class ArchivePacker extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(ArchivePacker.class.getName());
    static final String OBJECT_TYPES = "objects.tsv";

    @Inject
    JobRun run;

    @Inject
    ObjectRecords records;

    @Override
    public String process() throws Exception {
        try {
            return pack();
        } catch (Exception | Error e) {
            run.failed("packing the archive failed: " + e);
            throw e;
        }
    }

    private String pack() throws IOException {
        BackupPlan plan = BackupPlan.of(run);
        List<String> names = staged(plan.staging());
        Map<String, Long> counts = new LinkedHashMap<>();
        long objectBytes = 0;
        StringBuilder types = new StringBuilder();
        for (String name : names) {
            if (name.startsWith("caches/")) {
                String cache = name.split("/")[1];
                counts.merge(cache, (long) CacheDump.count(Files.readAllBytes(plan.staging().resolve(name))), Long::sum);
            } else {
                String key = name.substring("objects/".length());
                String type = records.find(key).map(ObjectRecord::contentType).orElse("application/octet-stream");
                types.append(key).append('\t').append(type).append('\n');
                objectBytes += Files.size(plan.staging().resolve(name));
                counts.merge("objectFiles", 1L, Long::sum);
            }
        }
        if (plan.kind().includesObjects()) {
            counts.putIfAbsent("objectFiles", 0L);
            counts.put("objectBytes", objectBytes);
        }
        Path target = BackupDirectory.path().resolve(plan.archive());
        long done = 0;
        try (BackupArchive.Writer writer = new BackupArchive.Writer(target)) {
            boolean typesWritten = false;
            for (String name : names) {
                if (name.startsWith("objects/") && !typesWritten) {
                    writer.add(OBJECT_TYPES, types.toString().getBytes(StandardCharsets.UTF_8));
                    typesWritten = true;
                }
                // objects (images) are compressed already: deflating them took most of this step's time
                writer.add(name, plan.staging().resolve(name), !name.startsWith("objects/"));
                if (++done % 100 == 0) {
                    run.progress("pack", done, names.size(), Map.of());
                }
            }
            if (!typesWritten && plan.kind().includesObjects()) {
                writer.add(OBJECT_TYPES, new byte[0]);
            }
            writer.finish(FacegridVersion.get(), plan.kind().label(), run.node(), counts);
        }
        counts.put("archiveBytes", Files.size(target));
        run.progress("pack", names.size(), names.size(), counts);
        deleteTree(plan.staging());
        LOG.info(() -> "FGJOB011: backup " + run.id() + " wrote " + target + " " + counts);
        return "COMPLETED";
    }

    /** The staged entries' names, caches first, each group in name order; unfinished temp files skipped. */
    private static List<String> staged(Path staging) throws IOException {
        if (!Files.isDirectory(staging)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(staging)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .map(f -> staging.relativize(f).toString().replace('\\', '/'))
                    .sorted(Comparator.comparing((String n) -> n.startsWith("objects/")).thenComparing(n -> n))
                    .toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return; // a backup of a cluster with nothing in it staged nothing
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
