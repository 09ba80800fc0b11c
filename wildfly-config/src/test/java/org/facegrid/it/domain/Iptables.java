package org.facegrid.it.domain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cuts and heals loopback connections between the test's hosts the way a firewall or a broken link would:
 * iptables rules on the filter table (each host has its own 127.0.0.x address). Needs root and iptables;
 * .ci/run installs it.
 */
final class Iptables {
    private Iptables() {
    }

    /** For a test that cuts links: fails unless iptables works here (root, and the package .ci/run installs). */
    static void require() {
        org.junit.jupiter.api.Assertions.assertTrue(usable(), "cutting links needs root and a working iptables "
                + "(.ci/run runs as root and installs the iptables package)");
    }

    static boolean usable() {
        try {
            return run(List.of("-S", "INPUT")) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Inserts a rule, e.g. INPUT -s 127.0.0.2 -d 127.0.0.1 -p tcp --dport 7600 -j REJECT. */
    static void add(List<String> rule) throws IOException {
        List<String> args = new ArrayList<>(List.of("-I"));
        args.addAll(rule);
        if (run(args) != 0) {
            throw new IOException("iptables " + String.join(" ", args) + " failed");
        }
    }

    /** Deletes every copy of a rule added before; nothing when there is none. */
    static void delete(List<String> rule) throws IOException {
        List<String> args = new ArrayList<>(List.of("-D"));
        args.addAll(rule);
        while (run(args) == 0) {
            // a rule added twice is in the table twice
        }
    }

    static void deleteAll(List<List<String>> rules) throws IOException {
        for (List<String> rule : rules) {
            delete(rule);
        }
    }

    private static int run(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("iptables", "-w"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
