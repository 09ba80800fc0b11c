package org.facegrid.operator.management;

import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.install.SecretFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * jboss-cli scripts run on a host's configuration with an embedded (offline) host controller: the domain-wide
 * profile and deployment on the controller's host, a host's name, and how a secondary joins. The only way the
 * command starts jboss-cli. Placeholders {@code @NAME@} are filled in here: jboss-cli cannot substitute into
 * these values without also resolving the profile's own {@code ${...}} expressions. The filled-in script may
 * hold the join password, so it is written mode 600 and removed afterwards.
 */
public final class OfflineCli {
    private static final long TIMEOUT_MINUTES = 10;
    private final Path wildflyHome;

    public OfflineCli(Path wildflyHome) {
        this.wildflyHome = wildflyHome;
    }

    /** Runs the scripts in one embedded session on the host whose base dir is {@code hostDir}. */
    public void run(Path hostDir, String what, List<Path> scripts, Map<String, String> placeholders) {
        StringBuilder script = new StringBuilder(
                "embed-host-controller --domain-config=domain.xml --host-config=host-facegrid.xml --std-out=discard\n");
        for (Path file : scripts) {
            try {
                script.append(fill(Files.readString(file, StandardCharsets.UTF_8), placeholders)).append('\n');
            } catch (IOException e) {
                throw CommandFailure.failed("cannot read " + file + ": " + e.getMessage());
            }
        }
        script.append("stop-embedded-host-controller\n");
        Path scriptFile = hostDir.resolve("tmp/configure.cli");
        Path log = hostDir.resolve("log/configure.log");
        SecretFiles.write(scriptFile, script.toString());
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(wildflyHome.resolve("bin/jboss-cli.sh").toString(),
                    "--file=" + scriptFile, "-Djboss.domain.base.dir=" + hostDir,
                    "-Dfg.profile=/profile=facegrid", "-Dfg.sockets=/socket-binding-group=ha-sockets"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("JAVA_OPTS", "-Xmx256m -Djava.net.preferIPv4Stack=true");
            Process cli = builder.start();
            if (!cli.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                cli.destroyForcibly();
                throw CommandFailure.failed(what + " did not finish in " + TIMEOUT_MINUTES + " minutes (log: " + log + ")");
            }
            if (cli.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log);
                System.err.println(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
                throw CommandFailure.failed(what + " failed (full log: " + log + ")");
            }
        } catch (IOException e) {
            throw CommandFailure.failed(what + ": cannot run jboss-cli: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(130, "interrupted");
        } finally {
            try {
                Files.deleteIfExists(scriptFile);
            } catch (IOException ignored) {
                // tmp/ of the host; the next run replaces it
            }
        }
    }

    static String fill(String script, Map<String, String> placeholders) {
        String filled = script;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            filled = filled.replace("@" + placeholder.getKey() + "@", placeholder.getValue());
        }
        return filled;
    }
}
