package org.facegrid.operator;

import org.facegrid.operator.install.Installation;
import org.facegrid.operator.management.FakeDomain;
import org.facegrid.operator.process.HostProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's contract, without a server: exit codes and messages of bad usage and of nothing running. */
class FacegridArgumentsTest {
    @TempDir
    Path var;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream savedOut = System.out;
    private final PrintStream savedErr = System.err;

    @BeforeEach
    void captureOutput() {
        PrintStream both = new PrintStream(out, true, StandardCharsets.UTF_8);
        Say.to(both, both);
        System.setOut(both);
        System.setErr(both);
    }

    @AfterEach
    void restoreOutput() {
        Say.to(savedOut, savedErr);
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private int run(String... args) {
        out.reset();
        Map<String, String> environment = Map.of("FACEGRID_VAR", var.toString());
        Installation installation = Installation.fromEnvironment(var, environment);
        return new Facegrid(environment, () -> new Operator(installation, (address, user, password) -> new FakeDomain(),
                new HostProcesses(installation))).execute(args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private void assertUsage(String expected, String... args) {
        assertEquals(64, run(args), output());
        assertTrue(output().contains(expected), String.join(" ", args) + " said: " + output());
    }

    @Test
    void badUsageIs64WithAMessageNamingTheProblem() {
        assertUsage("Missing required parameter for option '--node'", "server-status", "--disable", "--node");
        assertUsage("Missing required option: '--node=NAME'", "server-status", "--disable");
        assertUsage("mutually exclusive", "server-status", "--disable", "--enable", "--node", "node2");
        assertUsage("usage: facegrid cluster-demo N", "cluster-demo", "4");
        assertUsage("take host numbers 2..3", "cluster-demo", "3", "--simple", "1");
        assertUsage("take host numbers 2..2", "cluster-demo", "2", "--data-only", "3");
        assertUsage("either --simple or --data-only", "cluster-demo", "3", "--simple", "3", "--data-only", "3");
        assertUsage("usage: facegrid join", "join", "--primary", "127.0.0.1:9990", "--as", "primary-ish");
        assertUsage("usage: facegrid join", "join", "--primary", "127.0.0.1:port", "--as", "redundant");
        assertUsage("Missing required option: '--as=ROLE'", "join", "--primary", "127.0.0.1");
        assertUsage("the join token is missing or damaged", "join", "--primary", "127.0.0.1", "--as", "simple");
        assertUsage("cannot read the token file", "join", "--primary", "127.0.0.1", "--as", "simple", "--token-file", "/nonexistent");
        assertUsage("'nodeX' is no node name", "restart", "nodeX");
        assertUsage("mutually exclusive", "backup", "--objects-only", "--without-images");
        assertUsage("usage: facegrid restore FILE", "restore", var.resolve("missing.zip").toString());
        assertUsage("is not an absolute path", "migrate-storage", "--to", "relative/dir");
        assertUsage("the role must be admin, operator or viewer", "add-user", "ann", "--role", "root", "--config-dir", var.toString());
        assertUsage("unknown command 'bogus' (try: facegrid help)", "bogus");
    }

    @Test
    void withNothingRunningStatusIs3StopIsDoneAndOtherCommandsSaySo() {
        assertEquals(3, run("status"));
        assertTrue(output().contains("not running (no domain started from " + var + ")"), output());
        assertEquals(0, run("stop"));
        assertTrue(output().contains("nothing is running"), output());
        assertEquals(1, run("server-status", "--enable", "--node", "node1"));
        assertTrue(output().contains("not running"), output());
        assertEquals(1, run("credentials"));
        assertTrue(output().contains("no credentials yet: 'facegrid start' creates them"), output());
        assertEquals(1, run("join-token"));
        assertTrue(output().contains("join-token runs where the primary was started"), output());
        assertEquals(1, run("leave"));
        assertTrue(output().contains("leave runs on a running host that joined"), output());
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(0, run("--help"));
        for (String command : new String[] {"start", "cluster-demo", "join-token", "join", "leave", "stop", "status", "restart",
                "rolling-restart", "server-status", "primary", "balancer", "backup", "restore", "migrate-storage",
                "credentials", "add-user", "eval-faces"}) {
            assertTrue(output().contains("  " + command + " "), command + " missing from: " + output());
        }
        assertTrue(!output().contains("supervise"), "the supervisor's own command is not the operator's");
    }

    @Test
    void everyCommandExplainsItselfWithHelp() {
        assertEquals(0, run("server-status", "--help"));
        assertTrue(output().contains("--node=NAME") && output().contains("out of rotation"), output());
        assertEquals(0, run("start", "--help"));
        assertTrue(output().contains("domain controller and one server"), output());
    }

    @Test
    void aTokenFileOfDashIsReadFromStandardInput() {
        java.io.InputStream savedIn = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("fgjoin2.not-the-real-thing\n".getBytes(StandardCharsets.UTF_8)));
            // read from stdin and found damaged, not a file named '-' that cannot be read
            assertUsage("the join token is missing or damaged", "join", "--primary", "127.0.0.1", "--as", "simple",
                    "--token-file", "-");
            assertTrue(!output().contains("cannot read the token file"), output());
        } finally {
            System.setIn(savedIn);
        }
    }
}
