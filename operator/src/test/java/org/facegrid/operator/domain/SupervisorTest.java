package org.facegrid.operator.domain;

import org.facegrid.operator.install.Installation;
import org.facegrid.operator.management.DomainController;
import org.facegrid.operator.management.FakeDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupervisorTest {
    @TempDir
    Path var;

    @Test
    void aServerSeenStartedThatDiedIsStartedAgainAndLogged() throws Exception {
        Installation installation = Installation.fromEnvironment(var, Map.of("FACEGRID_VAR", var.toString()));
        FakeDomain domain = new FakeDomain();
        domain.hosts.addAll(List.of("node1", "node2", "node3"));
        domain.serverStatuses.putAll(Map.of("node1", "STARTED", "node2", "STARTED", "node3", "STOPPED"));
        DomainController controller = new DomainController(domain);
        Supervisor supervisor = new Supervisor(installation, () -> controller);

        assertEquals(List.of(), supervisor.round(controller), "node3 was never seen started (a join configures it first)");
        domain.serverStatuses.put("node2", "FAILED");
        assertEquals(List.of(), supervisor.round(controller), "down in one round only: its death may not be settled");
        assertEquals(List.of("node2"), supervisor.round(controller));
        assertTrue(Files.readString(installation.supervisorLog()).contains("node2 server FAILED; starting it again"));

        // held by rolling-restart: left alone, unless the hold is older than its limit
        domain.serverStatuses.put("node2", "STARTED");
        supervisor.round(controller);
        domain.serverStatuses.put("node2", "STOPPED");
        Supervisor.hold(installation, "node2");
        assertEquals(List.of(), supervisor.round(controller));
        assertEquals(List.of(), supervisor.round(controller));
        Files.setLastModifiedTime(var.resolve("held-node2"), FileTime.from(Instant.now().minus(Supervisor.HOLD_LIMIT).minusSeconds(1)));
        assertEquals(List.of("node2"), supervisor.round(controller));
        Supervisor.release(installation, "node2");
        domain.serverStatuses.put("node2", "STARTED");

        // a host that left the domain is new again when it comes back
        domain.hosts.remove("node1");
        supervisor.round(controller);
        domain.hosts.add("node1");
        domain.serverStatuses.put("node1", "STOPPED");
        assertEquals(List.of(), supervisor.round(controller));
        assertEquals(List.of(), supervisor.round(controller));
    }
}
