package org.facegrid.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The write rules of docs/cluster.md "Who may write", line by line. */
class WriteQuorumTest {
    private static NodeRecord data(String name) {
        return new NodeRecord(name, "http://" + name, "redundant", name + ":" + name, 1, "1", 1);
    }

    private static NodeRecord simple(String name) {
        return new NodeRecord(name, "http://" + name, "simple", name + ":" + name, 1, "1", 1);
    }

    private static Set<String> view(String... names) {
        return Set.of(java.util.Arrays.stream(names).map(n -> n + ":" + n).toArray(String[]::new));
    }

    @Test
    void aSingleDataNodeAlwaysWrites() {
        assertTrue(WriteQuorum.decide(List.of(data("node1")), view("node1"), "node1").writable());
        assertTrue(WriteQuorum.decide(List.of(data("node1"), simple("node2")), view("node1"), "node1").writable(),
                "a compute-only node is no data node");
    }

    @Test
    void twoDataNodesWriteWhereTheFirstNodeIs() {
        List<NodeRecord> two = List.of(data("node1"), data("node2"));
        assertTrue(WriteQuorum.decide(two, view("node1", "node2"), "node1").writable());
        assertTrue(WriteQuorum.decide(two, view("node1"), "node1").writable(), "the secondary died: go on fully");
        WriteQuorum.Decision survivor = WriteQuorum.decide(two, view("node2"), "node1");
        assertFalse(survivor.writable(), "the primary died: nothing is elected");
        assertTrue(survivor.reason().contains("node1"), survivor.reason());
        assertTrue(WriteQuorum.decide(two, view("node2"), "node2").writable(), "the preferred node is configurable");
    }

    @Test
    void twoDataNodesWithoutTheConfiguredNameFallBackToTheFirstByName() {
        List<NodeRecord> two = List.of(data("b"), data("a"));
        assertTrue(WriteQuorum.decide(two, view("a"), "node1").writable());
        assertFalse(WriteQuorum.decide(two, view("b"), "node1").writable());
    }

    @Test
    void threeOrMoreDataNodesWriteOnlyWithAMajority() {
        List<NodeRecord> three = List.of(data("node1"), data("node2"), data("node3"), simple("node4"));
        assertTrue(WriteQuorum.decide(three, view("node2", "node3"), "node1").writable(), "2 of 3, primary gone");
        assertFalse(WriteQuorum.decide(three, view("node1", "node4"), "node1").writable(), "1 of 3 plus a simple node");
        List<NodeRecord> four = List.of(data("node1"), data("node2"), data("node3"), data("node4"));
        assertFalse(WriteQuorum.decide(four, view("node1", "node2"), "node1").writable(), "2 of 4 is no majority");
        assertTrue(WriteQuorum.decide(four, view("node1", "node2", "node4"), "node1").writable());
    }

    @Test
    void onlyTheLoneSurvivorOfTwoDataNodesIsTheCaseInfinispanDegrades() {
        List<NodeRecord> two = List.of(data("node1"), data("node2"), simple("node3"));
        assertTrue(WriteQuorum.oneOfTwoDataNodesAway(two, view("node2", "node3")));
        assertFalse(WriteQuorum.oneOfTwoDataNodesAway(two, view("node1", "node2")), "both there");
        List<NodeRecord> three = List.of(data("node1"), data("node2"), data("node3"));
        assertFalse(WriteQuorum.oneOfTwoDataNodesAway(three, view("node1")), "three: the majority rule decides");
    }
}
