package org.facegrid.operator.management;

import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One FaceGrid host's settings: its one server in the facegrid group, the server's identity and cluster peers.
 * Applied through the domain controller once the host has registered (a secondary cannot be edited offline, and
 * the controller's own host takes the same path so there is one list). Idempotent: applying it again with new
 * values updates the host.
 *
 * @param dataRole redundant, simple (capacity factor 0: owns no data) or data-only
 */
public record HostConfiguration(String host, int portOffset, String nodeUrl, String dataRole, String clusterHosts,
                                String bindAddress) {

    /** The operations that bring the host up to date, given which resources exist already. */
    List<ModelNode> operations(Predicate<ModelNode> exists) {
        List<ModelNode> operations = new ArrayList<>();

        // host-primary.xml, which every host starts from, has no public interface; the host's server listens on it.
        ModelNode publicInterface = Operations.createAddress("host", host, "interface", "public");
        if (!exists.test(publicInterface)) {
            ModelNode add = Operations.createAddOperation(publicInterface);
            add.get("inet-address").set(new ModelNode().setExpression("${jboss.bind.address:127.0.0.1}"));
            operations.add(add);
        }
        // the stock servers belong to groups a FaceGrid domain does not have
        for (String stock : List.of("server-one", "server-two")) {
            ModelNode address = Operations.createAddress("host", host, "server-config", stock);
            if (exists.test(address)) {
                operations.add(Operations.createRemoveOperation(address));
            }
        }
        // not auto-started: the command starts the server once its settings are up to date, so a server never
        // boots with a stale host list and needs a second restart
        ModelNode server = Operations.createAddress("host", host, "server-config", host);
        if (!exists.test(server)) {
            ModelNode add = Operations.createAddOperation(server);
            add.get("group").set("facegrid");
            add.get("auto-start").set(false);
            operations.add(add);
        }
        operations.add(Operations.createWriteAttributeOperation(server, "auto-start", false));
        operations.add(Operations.createWriteAttributeOperation(server, "socket-binding-port-offset", portOffset));

        for (Map.Entry<String, String> property : systemProperties().entrySet()) {
            ModelNode address = server.clone().add("system-property", property.getKey());
            if (!exists.test(address)) {
                ModelNode add = Operations.createAddOperation(address);
                add.get("value").set(property.getValue());
                add.get("boot-time").set(true);
                operations.add(add);
            } else {
                operations.add(Operations.createWriteAttributeOperation(address, "value", property.getValue()));
            }
        }
        return operations;
    }

    /** What the server reads at boot (README, Configuration). */
    Map<String, String> systemProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("facegrid.node.name", host);
        properties.put("facegrid.node.url", nodeUrl);
        properties.put("facegrid.capacity.factor", dataRole.equals("simple") ? "0" : "1.0");
        properties.put("facegrid.data.role", dataRole);
        properties.put("facegrid.cluster.hosts", clusterHosts);
        properties.put("jboss.bind.address.private", bindAddress);
        return properties;
    }
}
