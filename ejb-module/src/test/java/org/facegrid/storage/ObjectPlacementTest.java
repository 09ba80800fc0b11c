package org.facegrid.storage;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectPlacementTest {
    private static final List<String> NODES = List.of("node1", "node2", "node3", "node4");

    @Test
    void theOrderDependsOnTheKeyAndTheNodesOnlyNotOnTheOrderTheNodesAreListedIn() {
        List<String> order = ObjectPlacement.rendezvous("events/2026/a.jpg", NODES);
        assertEquals(Set.copyOf(NODES), Set.copyOf(order));
        assertEquals(order, ObjectPlacement.rendezvous("events/2026/a.jpg", List.of("node4", "node2", "node1", "node3")));
    }

    @Test
    void keysSpreadEvenlyOverTheNodes() {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            first.merge(ObjectPlacement.rendezvous("objects/" + i + ".bin", NODES).get(0), 1, Integer::sum);
        }
        for (String node : NODES) {
            int count = first.getOrDefault(node, 0);
            assertTrue(count > 850 && count < 1150, node + " comes first for " + count + " of 4000 keys: " + first);
        }
    }

    @Test
    void aNodeThatLeavesMovesOnlyTheKeysItWon() {
        List<String> three = List.of("node1", "node2", "node3");
        for (int i = 0; i < 500; i++) {
            String key = "k" + i;
            String before = ObjectPlacement.rendezvous(key, NODES).get(0);
            String after = ObjectPlacement.rendezvous(key, three).get(0);
            if (!before.equals("node4")) {
                assertEquals(before, after, key);
            }
        }
    }

    @Test
    void aStoringWriterIsTheFirstHomeAndCopiesAddTheNextNodesInOrder() {
        List<String> order = List.of("node3", "node1", "node2");
        assertEquals(List.of("node2"), ObjectPlacement.homes(order, 1, "node2", true));
        assertEquals(List.of("node2", "node3"), ObjectPlacement.homes(order, 2, "node2", true));
        assertEquals(List.of("node3", "node1"), ObjectPlacement.homes(order, 2, "node3", true), "no home twice");
        assertEquals(List.of("node3"), ObjectPlacement.homes(order, 1, "node5", false), "a simple node stores nothing");
        assertEquals(List.of("node3"), ObjectPlacement.homes(order, 0, "node5", false), "at least one copy");
    }

    @Test
    void aStandInIsTheNextNodeUpThatIsNeitherTriedNorAHome() {
        List<String> order = List.of("node3", "node1", "node2", "node4");
        Set<String> up = Set.of("node1", "node2", "node4");
        assertEquals("node2", ObjectPlacement.standIn(order, up, new LinkedHashSet<>(List.of("node3")), List.of("node1")));
        assertEquals("node4", ObjectPlacement.standIn(order, Set.of("node4"), Set.of(), List.of("node3")));
        assertNull(ObjectPlacement.standIn(order, Set.of("node1"), Set.of("node1"), List.of("node3")));
    }
}
