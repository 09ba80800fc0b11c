package org.facegrid.operator.management;

import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostConfigurationTest {
    private final HostConfiguration node3 = new HostConfiguration("node3", 200, "http://127.0.0.1:8280", "simple",
            "127.0.0.1[7600],127.0.0.1[7700],127.0.0.1[7800]", "127.0.0.1");

    @Test
    void aNewHostGetsItsInterfaceServerAndPropertiesAddedAndTheStockServersRemoved() {
        FakeDomain domain = new FakeDomain();
        domain.existing.add(address("host", "node3", "server-config", "server-one"));
        domain.existing.add(address("host", "node3", "server-config", "server-two"));
        new DomainController(domain).configure(node3);

        assertTrue(domain.existing.contains(address("host", "node3", "interface", "public")));
        assertTrue(domain.existing.contains(address("host", "node3", "server-config", "node3")));
        assertFalse(domain.existing.contains(address("host", "node3", "server-config", "server-one")));
        assertFalse(domain.existing.contains(address("host", "node3", "server-config", "server-two")));
        ModelNode capacity = added(domain, "facegrid.capacity.factor");
        assertEquals("0", capacity.get("value").asString(), "a simple node owns no data");
        assertTrue(capacity.get("boot-time").asBoolean());
        assertEquals("127.0.0.1[7600],127.0.0.1[7700],127.0.0.1[7800]", added(domain, "facegrid.cluster.hosts").get("value").asString());
        ModelNode offset = domain.executed.stream().filter(o -> o.get("name").asString().equals("socket-binding-port-offset"))
                .findFirst().orElseThrow();
        assertEquals(200, offset.get("value").asInt());
        ModelNode publicInterface = domain.executed.stream().filter(o -> o.get("operation").asString().equals("add")
                && o.get("address").asString().contains("interface")).findFirst().orElseThrow();
        assertEquals("${jboss.bind.address:127.0.0.1}", publicInterface.get("inet-address").asExpression().getExpressionString());
    }

    @Test
    void applyingItAgainUpdatesTheValuesInsteadOfAddingThem() {
        FakeDomain domain = new FakeDomain();
        new DomainController(domain).configure(node3);
        domain.executed.clear();
        HostConfiguration redundant = new HostConfiguration("node3", 200, "http://127.0.0.1:8280", "redundant",
                "127.0.0.1[7600]", "127.0.0.1");
        new DomainController(domain).configure(redundant);

        assertFalse(domain.names().contains("add"), domain.names().toString());
        ModelNode capacity = domain.executed.stream().filter(o -> o.get("operation").asString().equals("write-attribute")
                && o.get("address").asString().contains("facegrid.capacity.factor")).findFirst().orElseThrow();
        assertEquals("1.0", capacity.get("value").asString());
    }

    private static ModelNode added(FakeDomain domain, String property) {
        return domain.executed.stream().filter(o -> o.get("operation").asString().equals("add")
                && o.get("address").asString().contains(property)).findFirst().orElseThrow(() -> new AssertionError(property));
    }

    private static String address(String... path) {
        return org.jboss.as.controller.client.helpers.Operations.createAddress(List.of(path)).asString();
    }
}
