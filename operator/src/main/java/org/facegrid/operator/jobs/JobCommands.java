package org.facegrid.operator.jobs;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.Facegrid;
import org.facegrid.operator.Say;
import org.facegrid.operator.api.Api;
import org.facegrid.operator.api.Reply;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * backup, restore and migrate-storage: each runs as a batch job on the first node that answers, and the
 * command follows it until it ends.
 */
public final class JobCommands {
    private JobCommands() {
    }

    @Command(name = "backup", description = "Runs the backup job on a node and follows it; prints the archive's path.")
    public static final class Backup implements Runnable {
        @ParentCommand
        Facegrid facegrid;

        static final class Kind {
            @Option(names = "--objects-only", description = "the objects stored on that node's own disk") boolean objectsOnly;
            @Option(names = "--without-images", description = "everything but the object bytes") boolean withoutImages;
        }

        @ArgGroup(exclusive = true)
        Kind kind = new Kind();

        @Option(names = "--json", description = "print the ended job's record as JSON (no progress lines)")
        boolean json;

        @Override
        public void run() {
            String kindName = kind.objectsOnly ? "objectsOnly" : kind.withoutImages ? "withoutImages" : "full";
            Api api = facegrid.operator().runningApi();
            String url = liveNode(api);
            JsonObject ended = runJob(api, url, "backup", Json.createObjectBuilder().add("kind", kindName).build(),
                    Duration.ofSeconds(60), "backup (" + kindName + ")", json);
            if (!json) {
                Say.line("archive: " + backupDirectory(api, url) + "/" + ended.getJsonObject("parameters").getString("archive"));
            }
        }
    }

    @Command(name = "restore", description = "Uploads FILE to a node (unless it is in that node's backup directory),"
            + " restores it cluster-wide and follows the job; a bad archive changes nothing.")
    public static final class Restore implements Runnable {
        @ParentCommand
        Facegrid facegrid;

        @Parameters(paramLabel = "FILE", description = "a backup archive (.zip)")
        Path file;

        @Option(names = "--json", description = "print the ended job's record as JSON (no progress lines)")
        boolean json;

        @Override
        public void run() {
            if (!Files.isRegularFile(file)) {
                throw CommandFailure.usage("usage: facegrid restore FILE (a backup archive, .zip): no file " + file);
            }
            Api api = facegrid.operator().runningApi();
            String url = liveNode(api);
            String name = file.getFileName().toString();
            Path directory = Path.of(backupDirectory(api, url));
            if (!file.toAbsolutePath().normalize().equals(directory.resolve(name).toAbsolutePath().normalize())) {
                // not in that node's backup directory: upload it there (validated on arrival)
                Reply uploaded = answer(url, () -> api.upload(url, "/api/v1/backups/" + name, file, Duration.ofMinutes(30)));
                switch (uploaded.status()) {
                    case 201 -> {
                        if (!json) {
                            Say.line("uploaded " + name + " to " + url);
                        }
                    }
                    case 409 -> throw CommandFailure.failed(url + " already holds a backup named " + name
                            + ": restore that one by its path (" + directory.resolve(name) + ") or rename " + file);
                    default -> throw CommandFailure.failed(name + " refused: HTTP " + uploaded.status() + ": " + uploaded.message());
                }
            }
            runJob(api, url, "restore", Json.createObjectBuilder().add("archive", name).build(), Duration.ofMinutes(5),
                    "restore of " + name, json);
        }
    }

    @Command(name = "migrate-storage", description = "Moves every object from the nodes' own disks into the shared"
            + " directory DIR (every node must write it) while the cluster runs, then switches to shared mode.")
    public static final class MigrateStorage implements Runnable {
        @ParentCommand
        Facegrid facegrid;

        @Option(names = "--to", required = true, paramLabel = "DIR", description = "the shared directory (absolute)")
        String to;

        @Option(names = "--json", description = "print the ended job's record as JSON (no progress lines)")
        boolean json;

        @Override
        public void run() {
            if (!to.startsWith("/")) {
                throw CommandFailure.usage("migrate-storage: " + to + " is not an absolute path");
            }
            Api api = facegrid.operator().runningApi();
            String url = liveNode(api);
            runJob(api, url, "migrate-storage", Json.createObjectBuilder().add("to", to).build(), Duration.ofMinutes(2),
                    "migration to " + to, json);
            if (!json) {
                Say.line("the cluster stores objects in " + to + " now");
            }
        }
    }

    static String liveNode(Api api) {
        return api.firstLiveNode().orElseThrow(() -> CommandFailure.failed("no node answers"));
    }

    /**
     * Starts job on the node at url and follows it to its end; with json only the ended job's record is printed.
     * Returns that record (a job that does not complete ends the command).
     */
    static JsonObject runJob(Api api, String url, String job, JsonObject parameters, Duration timeout, String what,
                             boolean json) {
        Reply reply = answer(url, () -> api.at(url, "POST", "/api/v1/jobs/" + job, parameters.toString(), timeout));
        if (reply.status() != 202) {
            throw CommandFailure.failed(what + " refused: HTTP " + reply.status() + ": " + reply.message());
        }
        if (!json) {
            Say.line(what + " started on " + url);
        }
        JsonObject ended = JobFollower.follow(api, url, reply.json().getString("id"), json);
        if (json) {
            Say.raw(ended.toString());
        }
        return ended;
    }

    static String backupDirectory(Api api, String url) {
        Reply reply = answer(url, () -> api.at(url, "GET", "/api/v1/backups", null, Duration.ofSeconds(10)));
        if (reply.status() != 200) {
            throw CommandFailure.failed("GET /api/v1/backups on " + url + ": HTTP " + reply.status() + ": " + reply.message());
        }
        return reply.json().getString("directory");
    }

    interface Call {
        Reply send() throws IOException;
    }

    /** The reply of one call to the node at url; no answer ends the command saying which node did not answer. */
    static Reply answer(String url, Call call) {
        try {
            return call.send();
        } catch (IOException e) {
            throw CommandFailure.failed("no answer from " + url + ": " + e.getMessage());
        }
    }
}
