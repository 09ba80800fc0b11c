package org.facegrid.operator.join;

import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.Operator;
import org.facegrid.operator.api.Readiness;
import org.facegrid.operator.domain.HostLayout;
import org.facegrid.operator.install.Credentials;
import org.facegrid.operator.install.DomainState;
import org.facegrid.operator.install.Installation;
import org.facegrid.operator.install.JoinRecord;
import org.facegrid.operator.install.JoinToken;
import org.facegrid.operator.management.FakeDomain;
import org.facegrid.operator.management.ManagementAddress;
import org.facegrid.operator.management.ManagementException;
import org.facegrid.operator.process.HostProcesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The join's steps against a fake domain controller, host layout and processes: each failure has its exit code
 * and message, and leaves nothing configured in the base dir.
 */
class JoinTest {
    private static final ManagementAddress PRIMARY = new ManagementAddress(false, "127.0.0.1", 9990);
    private static final JoinToken TOKEN = new JoinToken("facegrid-join", "Abc123def456ghi789jk#7a", "admin",
            "Zyx987wvu654tsr321qp#7a");
    private static final String MEMBER = "{\"checks\":[{\"name\":\"cluster-member\",\"data\":{\"deployed\":true,"
            + "\"inView\":true,\"viewSize\":%d,\"settled\":true}}]}";

    @TempDir
    Path var;
    private Installation installation;
    private FakeDomain domain;
    private final List<String> processEvents = new ArrayList<>();
    private Reachability.Answer reachable = Reachability.Answer.ANSWERS;
    private ManagementException connectFailure;
    private int viewSize = 2;
    private final AtomicReference<String> credentialsUser = new AtomicReference<>();

    @BeforeEach
    void aPrimaryWithOneHost() {
        installation = Installation.fromEnvironment(var, Map.of("FACEGRID_VAR", var.toString(), "FACEGRID_BIND_ADDRESS", "127.0.0.2",
                "FACEGRID_READY_TIMEOUT", "1"));
        domain = new FakeDomain();
        domain.hosts.add("node1");
        domain.hostStates.put("node1", "running");
    }

    private Join join() {
        Operator operator = new Operator(installation, (address, user, password) -> {
            credentialsUser.set(user);
            if (connectFailure != null) {
                domain.failing.put("read-children-names", connectFailure);
            }
            return domain;
        }, new HostProcesses(installation) {
            @Override
            public void launch(int host) {
                processEvents.add("launch node" + host);
                domain.hosts.add("node" + host);
            }

            @Override
            public void stop(List<Integer> hosts) {
                processEvents.add("stop " + hosts);
            }
        });
        HostLayout layout = new HostLayout(installation) {
            @Override
            public void layOut(int host, ManagementAddress controller, Credentials credentials) {
                try {
                    Files.createDirectories(configuration(host));
                    Files.writeString(configuration(host).resolve("host-facegrid.xml"), "<host/>");
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }
        };
        return new Join(operator, layout, address -> reachable,
                url -> Optional.of(Readiness.parse(200, MEMBER.formatted(viewSize))), Duration.ofMillis(300), Duration.ofMillis(300));
    }

    private CommandFailure failure(int exitCode, String message, Runnable join) {
        CommandFailure failure = assertThrows(CommandFailure.class, join::run);
        assertEquals(exitCode, failure.exitCode(), failure.getMessage());
        assertTrue(failure.getMessage().contains(message), failure.getMessage());
        for (Path left : List.of(installation.joinFile(), installation.credentialsFile(), installation.stateFile(),
                installation.hostsDir())) {
            assertFalse(Files.exists(left), left + " left behind after: " + failure.getMessage());
        }
        return failure;
    }

    @Test
    void aPrimaryThatDoesNotAnswerIs10AndNothingIsWritten() {
        reachable = Reachability.Answer.UNREACHABLE;
        failure(10, "the primary is unreachable", () -> join().join(PRIMARY, "redundant", null, TOKEN.encode()));
        assertTrue(processEvents.isEmpty());
    }

    @Test
    void aTlsProblemIs12() {
        reachable = Reachability.Answer.TLS_PROBLEM;
        failure(12, "TLS/certificate problem", () -> join().join(PRIMARY, "redundant", null, TOKEN.encode()));
    }

    @Test
    void rejectedCredentialsAre11AndTheJoinUserIsWhatWasTried() {
        connectFailure = new ManagementException(ManagementException.Kind.CREDENTIALS_REJECTED, "Authentication failed");
        failure(11, "rejected the join credentials", () -> join().join(PRIMARY, "redundant", null, TOKEN.encode()));
        assertEquals("facegrid-join", credentialsUser.get());
    }

    @Test
    void aMissingOrDamagedTokenOrABadRoleOrNameIs64() {
        failure(64, "the join token is missing or damaged", () -> join().join(PRIMARY, "redundant", null, null));
        failure(64, "the join token is missing or damaged", () -> join().join(PRIMARY, "redundant", null, TOKEN.encode() + "x"));
        failure(64, "usage: facegrid join", () -> join().join(PRIMARY, "primary-ish", null, TOKEN.encode()));
        failure(64, "--name must be node2 .. node99", () -> join().join(PRIMARY, "redundant", "node1", TOKEN.encode()));
    }

    @Test
    void aNameTakenInTheDomainIsRefusedBeforeAnythingIsLaidOut() {
        domain.hosts.add("node2");
        failure(1, "a host named node2 is already in the domain", () -> join().join(PRIMARY, "redundant", "node2", TOKEN.encode()));
        assertTrue(processEvents.isEmpty());
    }

    @Test
    void aHostControllerThatNeverRegistersIs13AndIsStoppedAndRemoved() {
        failure(13, "did not register with the primary", () -> join().join(PRIMARY, "redundant", null, TOKEN.encode()));
        assertEquals(List.of("launch node2", "stop [2]"), processEvents);
    }

    @Test
    void aConfigurationThePrimaryRefusesIs13AndIsUndone() {
        domain.hostStates.put("node2", "running");
        domain.failing.put("write-attribute", new ManagementException(ManagementException.Kind.FAILED, "WFLYCTL0013"));
        failure(13, "configuring node2 through the primary failed", () -> join().join(PRIMARY, "redundant", null, TOKEN.encode()));
        assertEquals(List.of("launch node2", "stop [2]"), processEvents);
    }

    @Test
    void aServerThatCannotStartIs13AndIsUndone() {
        domain.hostStates.put("node2", "running");
        domain.failing.put("start", new ManagementException(ManagementException.Kind.TIMED_OUT, "start did not answer"));
        failure(13, "could not start node2's server", () -> join().join(PRIMARY, "simple", null, TOKEN.encode()));
        assertEquals(List.of("launch node2", "stop [2]"), processEvents);
    }

    @Test
    void aServerThatSeesOnlyItselfIs13AndIsUndone() {
        domain.hostStates.put("node2", "running");
        viewSize = 1;
        failure(13, "joined the domain but its server did not join the cluster", () ->
                join().join(PRIMARY, "data-only", null, TOKEN.encode()));
        assertEquals(List.of("launch node2", "stop [2]"), processEvents);
    }

    @Test
    void aCompleteJoinRecordsWhoseDomainItJoinedAndKeepsTheCredentialsPrivate() throws Exception {
        domain.hosts.add("node2");
        domain.hostStates.put("node3", "running");
        join().join(PRIMARY, "data-only", null, TOKEN.encode());

        assertEquals(new JoinRecord("node3", "data-only", "http://127.0.0.1:9990/management"),
                JoinRecord.read(installation.joinFile()).orElseThrow(), "the first free name");
        DomainState state = DomainState.read(installation.stateFile()).orElseThrow();
        assertEquals("node3", state.joined());
        Credentials credentials = Credentials.read(installation.credentialsFile());
        assertEquals(TOKEN.apiPassword(), credentials.apiPassword());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(installation.credentialsFile())));
        assertTrue(Files.readString(installation.hostDir(3).resolve("configuration/application-users.properties"))
                .startsWith("admin="), "the API admin is known on the joined host");
        String clusterHosts = domain.executed.stream().filter(o -> o.get("address").asString().contains("facegrid.cluster.hosts")
                && o.get("operation").asString().equals("add")).findFirst().orElseThrow().get("value").asString();
        assertEquals("127.0.0.1[7600],127.0.0.2[7800]", clusterHosts, "the cluster's list with this host in it");
        assertEquals(List.of("launch node3"), processEvents);
        assertTrue(domain.names().contains("start"));
    }
}
