package org.facegrid.operator.management;

import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The operations the command runs on a FaceGrid domain controller, typed. Each host of a FaceGrid domain runs
 * one server named like the host (node1's server is node1).
 */
public final class DomainController implements AutoCloseable {
    /** A read or a small write: answered in well under a second when the controller is not loaded. */
    static final Duration READ = Duration.ofSeconds(30);
    /** Starting, stopping or restarting a server and waiting for it: a loaded 2-core machine needs minutes. */
    public static final Duration SERVER_LIFECYCLE = Duration.ofSeconds(300);

    private final Management management;

    public DomainController(Management management) {
        this.management = management;
    }

    public String productVersion() {
        return management.execute(Operations.createReadAttributeOperation(new ModelNode().setEmptyList(),
                "product-version"), READ).asString();
    }

    public List<String> hostNames() {
        ModelNode operation = Operations.createOperation("read-children-names", new ModelNode().setEmptyList());
        operation.get("child-type").set("host");
        return management.execute(operation, READ).asList().stream().map(ModelNode::asString).sorted().toList();
    }

    /** The host has registered with the controller (or, for the controller's own host, booted). */
    public boolean hostRunning(String host) {
        try {
            return management.execute(Operations.createReadAttributeOperation(Operations.createAddress("host", host),
                    "host-state"), READ).asString().equals("running");
        } catch (ManagementException notThere) {
            if (notThere.kind() == ManagementException.Kind.FAILED) {
                return false;
            }
            throw notThere;
        }
    }

    /** STARTED, STOPPED, FAILED, DISABLED, ... as the controller sees the host's server; empty if it has none. */
    public Optional<String> serverStatus(String host) {
        try {
            return Optional.of(management.execute(Operations.createReadAttributeOperation(
                    Operations.createAddress("host", host, "server-config", host), "status"), READ).asString());
        } catch (ManagementException e) {
            if (e.kind() == ManagementException.Kind.FAILED) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** start, stop or restart the host's server, waiting until it is done. */
    public void serverLifecycle(String host, String operationName) {
        ModelNode operation = Operations.createOperation(operationName, Operations.createAddress("host", host, "server", host));
        operation.get("blocking").set(true);
        management.execute(operation, SERVER_LIFECYCLE);
    }

    /** Asks the host to start its server and returns once it is starting; readiness tells when it is up. */
    public void startServer(String host) {
        management.execute(Operations.createOperation("start", Operations.createAddress("host", host, "server", host)),
                SERVER_LIFECYCLE);
    }

    /** The cluster's TCPPING list, as node1's server has it (a joining host adds itself). */
    public Optional<String> clusterHosts() {
        try {
            return Optional.of(management.execute(Operations.createReadAttributeOperation(Operations.createAddress(
                    "host", "node1", "server-config", "node1", "system-property", "facegrid.cluster.hosts"), "value"),
                    READ).asString());
        } catch (ManagementException e) {
            if (e.kind() == ManagementException.Kind.FAILED) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Brings a host's FaceGrid settings up to date through the controller ({@link HostConfiguration}). */
    public void configure(HostConfiguration host) {
        for (ModelNode operation : host.operations(this::exists)) {
            management.execute(operation, READ);
        }
    }

    boolean exists(ModelNode address) {
        try {
            management.execute(Operations.createReadResourceOperation(address), READ);
            return true;
        } catch (ManagementException e) {
            if (e.kind() == ManagementException.Kind.FAILED) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        management.close();
    }
}
