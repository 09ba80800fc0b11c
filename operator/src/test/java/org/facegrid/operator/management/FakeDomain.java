package org.facegrid.operator.management;

import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A domain controller's management interface as the command sees it, kept in memory: its hosts, their states
 * and server statuses, the resources that exist, and operations told to fail. Records what was executed.
 */
public final class FakeDomain implements Management {
    public final List<String> hosts = new ArrayList<>();
    public final Map<String, String> hostStates = new HashMap<>();
    public final Map<String, String> serverStatuses = new HashMap<>();
    public final Set<String> existing = new HashSet<>();
    /** operation name (start, add, ...) -> the failure it gets */
    public final Map<String, ManagementException> failing = new HashMap<>();
    public final List<ModelNode> executed = new ArrayList<>();
    public String clusterHosts = "127.0.0.1[7600]";
    public boolean closed;

    @Override
    public ModelNode execute(ModelNode operation, Duration timeout) {
        executed.add(operation.clone());
        String name = Operations.getOperationName(operation);
        String address = Operations.getOperationAddress(operation).asString();
        if (failing.containsKey(name)) {
            throw failing.get(name);
        }
        return switch (name) {
            case "read-children-names" -> {
                ModelNode list = new ModelNode().setEmptyList();
                hosts.forEach(list::add);
                yield list;
            }
            case "read-attribute" -> readAttribute(operation.get("name").asString(), operation);
            case "read-resource" -> {
                if (!existing.contains(address)) {
                    throw new ManagementException(ManagementException.Kind.FAILED, "WFLYCTL0216: not found " + address);
                }
                yield new ModelNode();
            }
            case "add" -> {
                existing.add(address);
                yield new ModelNode();
            }
            case "remove" -> {
                existing.remove(address);
                yield new ModelNode();
            }
            default -> new ModelNode();
        };
    }

    private ModelNode readAttribute(String attribute, ModelNode operation) {
        List<org.jboss.dmr.Property> path = Operations.getOperationAddress(operation).asPropertyList();
        return switch (attribute) {
            case "product-version" -> new ModelNode("WildFly 39");
            case "host-state" -> {
                String host = path.get(0).getValue().asString();
                if (!hostStates.containsKey(host)) {
                    throw new ManagementException(ManagementException.Kind.FAILED, "WFLYCTL0216: no host " + host);
                }
                yield new ModelNode(hostStates.get(host));
            }
            case "status" -> {
                String host = path.get(0).getValue().asString();
                if (!serverStatuses.containsKey(host)) {
                    throw new ManagementException(ManagementException.Kind.FAILED, "WFLYCTL0216: no server " + host);
                }
                yield new ModelNode(serverStatuses.get(host));
            }
            case "value" -> new ModelNode(clusterHosts);
            default -> throw new ManagementException(ManagementException.Kind.FAILED, "no attribute " + attribute);
        };
    }

    /** The names of the executed operations, in order. */
    public List<String> names() {
        return executed.stream().map(Operations::getOperationName).toList();
    }

    @Override
    public void close() {
        closed = true;
    }
}
