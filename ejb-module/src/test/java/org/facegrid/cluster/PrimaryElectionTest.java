package org.facegrid.cluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wildfly.clustering.server.GroupMember;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The primary role's election: the preferred node, else the oldest candidate, a data-only node only as a last resort, never a simple node. */
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

    private static final Map<String, String> ROLES = Map.of("node1:node1", NodeIdentity.REDUNDANT,
            "node2:node2", NodeIdentity.REDUNDANT, "node3:node3", NodeIdentity.SIMPLE, "node4:node4", NodeIdentity.DATA_ONLY);
    private static final GroupMember NODE4 = member("node4:node4");

    @Test
    void aSimpleNodeIsNeverElectedEvenWhenItIsTheOldestOrTheOnlyCandidate() {
        assertEquals(NODE2, PrimaryRole.elect(List.of(NODE3, NODE2), ROLES));
        assertNull(PrimaryRole.elect(List.of(NODE3), ROLES), "only simple nodes left: nobody");
        assertNull(PrimaryRole.elect(List.of(member("node9:node9")), ROLES), "a node whose role is not known yet");
    }

    @Test
    void thePreferredNodeWhenItIsACandidateElseTheOldest() {
        PrimaryPreference.set("node2");
        assertEquals(NODE2, PrimaryRole.elect(List.of(NODE1, NODE2, NODE3), ROLES));
        assertEquals(NODE1, PrimaryRole.elect(List.of(NODE1, NODE3), ROLES));
        PrimaryPreference.set("node3"); // a preference for a simple node (set before it was simple) does not count
        assertEquals(NODE1, PrimaryRole.elect(List.of(NODE1, NODE3), ROLES));
    }

    @Test
    void aDataOnlyNodeOnlyWhenNoRedundantNodeStands() {
        assertEquals(NODE2, PrimaryRole.elect(List.of(NODE4, NODE3, NODE2), ROLES), "a redundant node, though younger");
        PrimaryPreference.set("node4"); // not even when preferred: it takes no traffic to balance
        assertEquals(NODE1, PrimaryRole.elect(List.of(NODE4, NODE1), ROLES));
        assertEquals(NODE4, PrimaryRole.elect(List.of(NODE3, NODE4), ROLES), "rather than nobody");
    }
}
