package org.facegrid.operator.cluster;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusTableTest {
    /** A cluster answer as GET /api/v1/cluster gives it (fields the table does not use left out). */
    private static final String CLUSTER = """
            {"primary":"node1","nodes":[
             {"name":"node1","url":"http://127.0.0.1:8080","role":"primary","dataRole":"redundant","health":"UP",
              "enabled":true,"rotation":"IN","inRotation":true},
             {"name":"node2","url":"http://127.0.0.1:8180","role":"secondary","dataRole":"redundant","health":"UP",
              "enabled":false,"rotation":"IN","inRotation":false},
             {"name":"node3","url":"http://127.0.0.1:8280","role":"secondary","dataRole":"data-only","health":"UP",
              "enabled":true,"rotation":"IN","inRotation":false},
             {"name":"node4","url":"http://127.0.0.1:8380","role":"secondary","dataRole":"simple","health":"DOWN",
              "enabled":true,"rotation":"OUT","inRotation":false},
             {"name":"node5","url":"http://127.0.0.1:8480","role":"secondary","dataRole":"simple","health":"UP",
              "enabled":true,"rotation":"OUT","inRotation":false}]}""";

    @Test
    void everyHostShowsItsRotationAndTheOperatorsSwitch() {
        ClusterView cluster = ClusterView.of(Json.createReader(new StringReader(CLUSTER)).readObject());
        Map<String, String> servers = Map.of("node1", "STARTED", "node2", "STARTED", "node3", "STARTED", "node5", "STARTED",
                "node6", "STOPPED");
        String table = StatusTable.render(List.of("node1", "node2", "node3", "node5", "node6"), cluster,
                host -> Optional.ofNullable(servers.get(host)), url -> url.endsWith(":8080"));
        List<String> rows = table.lines().toList();
        assertEquals(List.of("HOST", "HOST-CTRL", "SERVER", "URL", "READY", "ROLE", "DATA", "ROTATION", "SWITCH"),
                List.of(rows.get(0).split("\\s+")));
        assertEquals(List.of("node1", "running", "STARTED", "http://127.0.0.1:8080", "yes", "primary", "redundant", "in", "enabled"), cells(rows, "node1"));
        assertEquals(List.of("no", "secondary", "redundant", "out(switch)", "disabled"), cells(rows, "node2").subList(4, 9));
        assertEquals("out(data)", cells(rows, "node3").get(7));
        assertEquals(List.of("node4", "down", "UNKNOWN"), cells(rows, "node4").subList(0, 3), "a host that is down is shown");
        assertEquals("out(down)", cells(rows, "node4").get(7));
        assertEquals("out(checks)", cells(rows, "node5").get(7));
        assertEquals(List.of("node6", "running", "STOPPED", "-", "no", "-", "-", "-", "-"), cells(rows, "node6"),
                "a host the cluster does not know yet");
        assertTrue(rows.size() == 7, table);
    }

    private static List<String> cells(List<String> rows, String host) {
        return List.of(rows.stream().filter(r -> r.startsWith(host + " ")).findFirst().orElseThrow().split("\\s+"));
    }
}
