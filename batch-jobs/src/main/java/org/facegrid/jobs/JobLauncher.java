package org.facegrid.jobs;

import jakarta.batch.operations.BatchRuntimeException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.facegrid.backup.BackupArchive;
import org.facegrid.backup.BackupDirectory;
import org.facegrid.backup.BackupKind;
import org.facegrid.cluster.NodeIdentity;
import org.facegrid.cluster.WriteGuard;
import org.facegrid.problem.ConflictException;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.problem.NotFoundException;
import org.facegrid.problem.UnprocessableException;
import org.facegrid.storage.SharedDirectoryProbe;
import org.facegrid.storage.StoragePaths;
import org.facegrid.storage.StorageSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Starts FaceGrid's batch jobs on this node after checking what they were given, so a wrong request is a clear
 * 4xx and not a failed job: an unknown job or parameter, a bad backup kind, an archive that is missing or fails
 * validation, or another job still running somewhere in the cluster (one at a time: a restore under a
 * running backup would give an archive of neither state, retention under it one with holes). An EJB of this module on purpose: the batch
 * runtime looks job XML up from the caller's deployment module.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobLauncher {
    public static final List<String> JOBS = List.of("backup", "restore", "retention", "migrate-storage");
    public static final List<String> SCHEDULABLE = List.of("backup", "retention");
    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            "backup", Set.of("kind", "archive"),
            "restore", Set.of("archive"),
            "retention", Set.of(),
            "migrate-storage", Set.of("to"));
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Inject
    JobHistory history;

    @Inject
    JobLock lock;

    @Inject
    WriteGuard writes;

    @Inject
    StorageSettings storage;

    @Inject
    SharedDirectoryProbe probe;

    public JobRecord start(String name, Map<String, String> requested, String startedBy) {
        Map<String, String> parameters = checked(name, requested);
        String node = NodeIdentity.fromSystemProperties().name();
        if (name.equals("backup")) {
            parameters.computeIfAbsent("archive", a -> "facegrid-" + parameters.get("kind") + "-"
                    + LocalDateTime.now().format(STAMP) + "-" + node + ".zip");
            checkArchiveName(parameters.get("archive"));
            if (Files.exists(BackupDirectory.archive(parameters.get("archive")))) {
                throw new ConflictException("backup_exists", "backup " + parameters.get("archive")
                        + " already exists on " + node, Map.of("archive", parameters.get("archive")));
            }
        } else if (name.equals("restore")) {
            String archive = parameters.get("archive");
            if (archive == null) {
                throw InvalidInputException.of("archive", "is required: the file name of a backup on " + node
                        + " (GET /api/v1/backups lists them)");
            }
            checkArchiveName(archive);
            if (!Files.isRegularFile(BackupDirectory.archive(archive))) {
                throw new NotFoundException("backup", archive);
            }
            validate(archive);
        } else if (name.equals("migrate-storage")) {
            checkMigrationTarget(parameters.get("to"));
            parameters.put("to", Path.of(parameters.get("to")).normalize().toString());
        }
        if (!name.equals("backup")) {
            writes.ensureWritable(); // the others change data: a side that may not write does not start them
        }
        String id = UUID.randomUUID().toString();
        takeLock(id, node);
        JobRecord record = history.create(id, name, parameters, node, startedBy);
        Properties properties = new Properties();
        properties.putAll(parameters);
        properties.setProperty(JobRun.JOB_ID, id);
        try {
            BatchRuntime.getJobOperator().start(name, properties);
        } catch (RuntimeException e) {
            history.failed(id, "the batch runtime did not start the job: " + e);
            lock.release(id);
            throw e;
        }
        return history.find(id).orElse(record);
    }

    /**
     * Refuses what a schedule of {@code name} could never start: a job that is not schedulable, a wrong
     * parameter, or a fixed backup archive name (every run needs its own).
     */
    public void checkSchedulable(String name, Map<String, String> requested) {
        if (!SCHEDULABLE.contains(name)) {
            String problem = "'" + name + "' cannot be scheduled; only " + String.join(" and ", SCHEDULABLE) + " can";
            throw new InvalidInputException("This job cannot be scheduled: only " + String.join(" and ", SCHEDULABLE)
                    + " jobs run on a schedule, not " + name + ".",
                    java.util.List.of(new InvalidInputException.FieldProblem("job", problem)));
        }
        if (requested.containsKey("archive")) {
            throw InvalidInputException.of("archive", "is named by each scheduled run itself");
        }
        checked(name, requested);
    }

    /** The parameters with defaults filled in, after checking the job and each parameter. */
    private static Map<String, String> checked(String name, Map<String, String> requested) {
        if (!JOBS.contains(name)) {
            throw new NotFoundException("job", name);
        }
        for (String parameter : requested.keySet()) {
            if (!PARAMETERS.get(name).contains(parameter)) {
                throw InvalidInputException.of(parameter, "is not a parameter of job " + name + " (it takes "
                        + (PARAMETERS.get(name).isEmpty() ? "none" : String.join(", ", PARAMETERS.get(name))) + ")");
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>(requested);
        if (name.equals("backup")) {
            String kind = parameters.computeIfAbsent("kind", k -> BackupKind.FULL.label());
            if (BackupKind.parse(kind).isEmpty()) {
                throw InvalidInputException.of("kind", "must be full, objectsOnly or withoutImages, not '" + kind + "'");
            }
        }
        return parameters;
    }

    /**
     * A migration needs local mode now, and a directory every node in the view can write and all see alike,
     * apart from this node's own storage paths (their copies are deleted at the end).
     */
    private void checkMigrationTarget(String to) {
        if (to == null || to.isBlank() || !Path.of(to).isAbsolute()) {
            throw InvalidInputException.of("to", "is required: the absolute path of the shared directory");
        }
        Path dir = Path.of(to).normalize();
        StorageSettings.Config config = storage.current();
        if (config.shared()) {
            throw new ConflictException("already_shared", "the cluster already stores objects in shared mode, in "
                    + config.sharedDir(), Map.of("sharedDir", config.sharedDir().toString()));
        }
        for (Path own : StoragePaths.fromSystemProperties().paths()) {
            Path local = own.toAbsolutePath().normalize();
            if (dir.startsWith(local) || local.startsWith(dir)) {
                throw InvalidInputException.of("to", "must be apart from this node's storage path " + local
                        + " (the local copies are deleted once the migration is done)");
            }
        }
        List<String> problems = probe.problems(dir);
        if (!problems.isEmpty()) {
            throw new UnprocessableException("shared_directory_unusable", dir + " cannot be the cluster's shared "
                    + "directory: " + String.join("; ", problems), problems.stream()
                    .map(p -> Map.of("to", dir.toString(), "problem", p)).toList());
        }
    }

    /** Restarts a failed, stopped or cut-off run on this node from its last checkpoint. */
    public JobRecord restart(String id) {
        JobRecord record = history.find(id).orElseThrow(() -> new NotFoundException("job", id));
        String node = NodeIdentity.fromSystemProperties().name();
        if (!record.node().equals(node)) {
            throw new ConflictException("job_on_other_node", "job " + id + " ran on " + record.node()
                    + ": restart it there", Map.of("node", record.node()));
        }
        // UNKNOWN: a run this node's history could not mark FAILED; the batch runtime refuses it if it still runs
        if (record.status().running() || record.status() == JobRecord.Status.COMPLETED) {
            throw new ConflictException("job_not_restartable", "job " + id + " is " + record.status()
                    + "; only a FAILED, STOPPED or UNKNOWN job restarts", Map.of("status", record.status().name()));
        }
        takeLock(id, node);
        Properties properties = new Properties();
        properties.putAll(record.parameters());
        properties.setProperty(JobRun.JOB_ID, id);
        JobOperator operator = BatchRuntime.getJobOperator();
        // running from the 202 on: the batch runtime marks it STARTED only once its thread begins, and a client
        // polling in between would read the old end state as this run's
        history.update(id, r -> r.restarting(System.currentTimeMillis()));
        try {
            operator.restart(record.executionId(), properties);
        } catch (BatchRuntimeException e) { // no such execution, not the latest, already complete, still running
            String refused = "the batch runtime of " + node + " cannot restart execution " + record.executionId()
                    + " (" + e.getMessage() + "): start the job again";
            history.failed(id, refused);
            lock.release(id);
            throw new ConflictException("job_not_restartable", refused,
                    Map.of("executionId", String.valueOf(record.executionId())));
        }
        return history.find(id).orElse(record);
    }

    /** One job at a time in the cluster ({@link JobLock}): a restore under a running backup, and so on. */
    private void takeLock(String id, String node) {
        lock.acquire(id, node).ifPresent(holder -> {
            String name = history.find(holder.jobId()).map(JobRecord::name).orElse("a");
            throw new ConflictException("job_running", name + " job " + holder.jobId() + " is running on "
                    + holder.node() + ": one job at a time", Map.of("jobId", holder.jobId()));
        });
    }

    private static void checkArchiveName(String archive) {
        if (!BackupDirectory.isArchiveName(archive)) {
            throw InvalidInputException.of("archive", "must be a plain file name ending in .zip (letters, digits, "
                    + "'.', '_', '-'), not '" + archive + "'");
        }
    }

    /** Refuses an archive that would fail the restore's own validation, naming every problem. */
    private static void validate(String archive) {
        validate(BackupDirectory.archive(archive), archive);
    }

    /** As a restore would validate {@code file}; {@code archive} is the name the problems are reported under. */
    public static void validate(Path file, String archive) {
        try {
            BackupArchive.validate(file, BackupArchive.Limits.DEFAULT);
        } catch (BackupArchive.InvalidBackupException e) {
            throw new UnprocessableException("invalid_backup", "backup " + archive + " fails validation; nothing "
                    + "was changed: " + e.getMessage(), e.problems().stream()
                    .map(p -> Map.of("archive", archive, "problem", p)).toList());
        }
    }
}
