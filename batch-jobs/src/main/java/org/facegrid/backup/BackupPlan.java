package org.facegrid.backup;

import org.facegrid.jobs.JobRun;

import java.nio.file.Path;

/**
 * What a backup run writes, from its parameters: {@code kind} (full, objectsOnly, withoutImages; full when
 * absent) and {@code archive} (a file name in the backup directory; one made from the run when absent).
 */
record BackupPlan(BackupKind kind, String archive, Path staging) {
    static BackupPlan of(JobRun run) {
        String label = run.parameter("kind");
        BackupKind kind = label == null || label.isBlank() ? BackupKind.FULL : BackupKind.parse(label)
                .orElseThrow(() -> new IllegalArgumentException("unknown backup kind '" + label + "'"));
        String archive = run.parameter("archive");
        if (archive == null || archive.isBlank()) {
            archive = "facegrid-" + kind.label() + "-" + run.id() + ".zip";
        }
        if (!BackupDirectory.isArchiveName(archive)) {
            throw new IllegalArgumentException("archive '" + archive + "' is not a plain .zip file name");
        }
        return new BackupPlan(kind, archive, BackupDirectory.staging(run.id()));
    }
}
