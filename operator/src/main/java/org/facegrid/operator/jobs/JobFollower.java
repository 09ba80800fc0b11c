package org.facegrid.operator.jobs;

import jakarta.json.JsonObject;
import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.Say;
import org.facegrid.operator.Wait;
import org.facegrid.operator.api.Api;
import org.facegrid.operator.api.Reply;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * Follows a batch job's record (the same from every node) until it ends, printing its progress when it
 * changes; a job that fails ends the command with its error.
 */
public final class JobFollower {
    /** No answer from the node for this long: the command gives up following (the job may go on). */
    static final Duration UNANSWERED = Duration.ofMinutes(5);
    /** No change in the record for this long: the job is stuck, or the node that runs it is gone. */
    static final Duration STALLED = Duration.ofMinutes(30);

    private JobFollower() {
    }

    /** Returns the ended job's record once it COMPLETED. */
    public static JsonObject follow(Api api, String url, String id, boolean quiet) {
        String last = "";
        long lastAnswer = System.nanoTime();
        long lastChange = System.nanoTime();
        while (true) {
            try {
                Reply reply = api.at(url, "GET", "/api/v1/jobs/" + id, null, Duration.ofSeconds(10));
                lastAnswer = System.nanoTime();
                if (reply.status() == 200) {
                    JsonObject job = reply.json();
                    String line = progressLine(job);
                    if (!line.equals(last)) {
                        if (!quiet) {
                            Say.line(line);
                        }
                        last = line;
                        lastChange = System.nanoTime();
                    }
                    String status = job.getString("status");
                    switch (status) {
                        case "COMPLETED" -> {
                            if (!quiet) {
                                Say.line("job " + id + " done: " + job.getJsonObject("counts") + " in "
                                        + String.format(Locale.ROOT, "%.1f", job.getJsonNumber("durationMs").longValue() / 1000.0) + " s");
                            }
                            return job;
                        }
                        case "FAILED", "STOPPED", "UNKNOWN" -> throw CommandFailure.failed("job " + id + " " + status + ": "
                                + job.getString("error", ""));
                        default -> {
                        }
                    }
                }
            } catch (IOException noAnswer) {
                if (System.nanoTime() - lastAnswer > UNANSWERED.toNanos()) {
                    throw CommandFailure.failed("no answer from " + url + " about job " + id + " for "
                            + UNANSWERED.toMinutes() + " minutes: " + noAnswer.getMessage());
                }
            }
            if (System.nanoTime() - lastChange > STALLED.toNanos()) {
                throw CommandFailure.failed("job " + id + " made no progress in " + STALLED.toMinutes() + " minutes ("
                        + last + "); GET /api/v1/jobs/" + id + " shows it");
            }
            Wait.sleep(Duration.ofSeconds(1));
        }
    }

    static String progressLine(JsonObject job) {
        JsonObject progress = job.getJsonObject("progress");
        String step = progress == null ? "" : progress.getString("step", "");
        return job.getString("status") + (step.isEmpty() ? "" : " " + step + " " + progress.getJsonNumber("done") + "/"
                + progress.getJsonNumber("total"));
    }
}
