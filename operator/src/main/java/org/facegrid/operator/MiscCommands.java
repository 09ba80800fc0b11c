package org.facegrid.operator;

import org.facegrid.operator.install.ApiUsers;
import org.facegrid.operator.install.DomainState;
import org.facegrid.operator.install.Installation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** credentials, add-user and eval-faces. */
final class MiscCommands {
    private MiscCommands() {
    }

    @Command(name = "credentials", description = "Prints the API admin's user:password (made at the first start).")
    static final class Credentials implements Runnable {
        @ParentCommand
        Facegrid facegrid;

        @Override
        public void run() {
            Say.raw(facegrid.operator().credentials().apiUserAndPassword());
        }
    }

    @Command(name = "add-user", description = "Adds an API user (or sets its password and role) on every host of this"
            + " base dir; the password is read from standard input, never from the command line.")
    static final class AddUser implements Runnable {
        @ParentCommand
        Facegrid facegrid;

        @Parameters(paramLabel = "NAME", description = "letters, digits, '.', '_' and '-'")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, operator or viewer")
        String role;

        @Option(names = "--config-dir", paramLabel = "DIR", description = "one WildFly configuration directory instead"
                + " of this base dir's hosts")
        Path configDir;

        @Override
        public void run() {
            ApiUsers.check(name, role);
            String password = readPassword();
            List<Path> dirs = new ArrayList<>();
            if (configDir != null) {
                dirs.add(configDir);
            } else {
                Installation installation = facegrid.operator().installation();
                try (Stream<Path> hosts = Files.isDirectory(installation.hostsDir()) ? Files.list(installation.hostsDir()) : Stream.empty()) {
                    hosts.map(h -> h.resolve("configuration")).filter(Files::isDirectory).sorted().forEach(dirs::add);
                } catch (IOException e) {
                    throw CommandFailure.failed("cannot list " + installation.hostsDir() + ": " + e.getMessage());
                }
                if (dirs.isEmpty()) {
                    throw CommandFailure.failed("no host is laid out under " + installation.hostsDir() + ": 'facegrid start' first");
                }
            }
            for (Path dir : dirs) {
                ApiUsers.put(dir, name, password, role);
            }
            boolean running = facegrid.operator().state().map(DomainState::hosts).orElse(0) > 0;
            Say.line(name + " (" + role + ") set on " + dirs.size() + " host(s)" + (running ? "; the servers read it at once" : ""));
        }

        private static String readPassword() {
            if (System.console() != null) {
                char[] typed = System.console().readPassword("password for the new user: ");
                return typed == null ? "" : new String(typed);
            }
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                throw CommandFailure.failed("cannot read the password from standard input: " + e.getMessage());
            }
        }
    }

    @Command(name = "eval-faces", description = "Face pipeline figures on labelled photos (DIR/<identity>/<image>).")
    static final class EvalFaces implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        Facegrid facegrid;

        /** Handed to the evaluation program as they are (its own options included). */
        @Unmatched
        List<String> arguments = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            if (arguments.isEmpty()) {
                throw CommandFailure.usage("usage: facegrid eval-faces DIR [--threshold T] [--negatives DIR]");
            }
            Path repo = facegrid.operator().installation().repo();
            Path jar = findJar(repo);
            if (jar == null) {
                Process build = new ProcessBuilder("mvn", "-q", "-B", "-DskipTests", "-pl", "jni-inference", "install")
                        .directory(repo.toFile()).inheritIO().start();
                if (build.waitFor() != 0 || (jar = findJar(repo)) == null) {
                    throw CommandFailure.failed("building jni-inference failed");
                }
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString()));
            command.addAll(arguments);
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }

        private static Path findJar(Path repo) throws IOException {
            Path target = repo.resolve("jni-inference/target");
            if (!Files.isDirectory(target)) {
                return null;
            }
            try (Stream<Path> files = Files.list(target)) {
                return files.filter(f -> f.getFileName().toString().matches("facegrid-jni-inference-.*\\.jar")).findFirst().orElse(null);
            }
        }
    }
}
