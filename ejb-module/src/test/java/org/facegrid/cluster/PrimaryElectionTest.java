package org.facegrid.cluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.clustering.server.GroupMember;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The primary role's election: the preferred node, else the oldest candidate, never a simple node. */
class PrimaryElectionTest {
    private static GroupMember member(String name) {
        return () -> name;
    }

    private static final GroupMember NODE1 = member("node1:node1");
    private static final GroupMember NODE2 = member("node2:node2");
    private static final GroupMember NODE3 = member("node3:node3");

    @AfterEach
    void noPreference() {
        PrimaryPreference.set(null);
    }

    @Test
    void aSimpleNodeIsNeverElectedEvenWhenItIsTheOldestOrTheOnlyCandidate() {
        assertEquals(NODE2, PrimaryRole.elect(List.of(NODE3, NODE2), Set.of("node3")));
        assertNull(PrimaryRole.elect(List.of(NODE3), Set.of("node3")), "only simple nodes left: nobody");
    }

    @Test
    void thePreferredNodeWhenItIsACandidateElseTheOldest() {
        PrimaryPreference.set("node2");
        assertEquals(NODE2, PrimaryRole.elect(List.of(NODE1, NODE2, NODE3), Set.of("node3")));
        assertEquals(NODE1, PrimaryRole.elect(List.of(NODE1, NODE3), Set.of("node3")));
        PrimaryPreference.set("node3"); // a preference for a simple node (set before it was simple) does not count
        assertEquals(NODE1, PrimaryRole.elect(List.of(NODE1, NODE3), Set.of("node3")));
    }
}
