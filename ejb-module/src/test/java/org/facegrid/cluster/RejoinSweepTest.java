package org.facegrid.cluster;

import org.infinispan.remoting.transport.Address;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which differences between owners a rejoining node settles, and how. */
class RejoinSweepTest {
    private final Address self = Address.random("node2");
    private final Address first = Address.random("node1");
    private final Address other = Address.random("node3");

    private static Map<Address, Object> versions(Object... ownerThenValue) {
        Map<Address, Object> versions = new HashMap<>();
        for (int i = 0; i < ownerThenValue.length; i += 2) {
            versions.put((Address) ownerThenValue[i], ownerThenValue[i + 1]);
        }
        return versions;
    }

    @Test
    void anEntryOnlyThisNodeHoldsWasDeletedWhileItWasAway() {
        RejoinSweep.Difference difference = RejoinSweep.Difference.of(versions(self, new byte[] {1}, first, null), self);
        assertArrayEquals(new byte[] {1}, (byte[]) difference.mine());
        assertNull(difference.theirs());
    }

    @Test
    void anEntryTheOthersChangedTakesTheirValue() {
        RejoinSweep.Difference difference = RejoinSweep.Difference.of(
                versions(self, new byte[] {1}, first, new byte[] {2}, other, new byte[] {2}), self);
        assertArrayEquals(new byte[] {2}, (byte[]) difference.theirs());
    }

    @Test
    void equalArraysAreNoDifference() {
        assertNull(RejoinSweep.Difference.of(versions(self, new byte[] {7}, first, new byte[] {7}), self));
    }

    @Test
    void whenTheOthersDisagreeItIsNotThisNodesCall() {
        assertNull(RejoinSweep.Difference.of(versions(self, "a", first, "b", other, null), self));
    }

    @Test
    void aNodeThatIsNoOwnerOrTheOnlyOneChangesNothing() {
        assertNull(RejoinSweep.Difference.of(versions(first, "a", other, null), self));
        assertNull(RejoinSweep.Difference.of(versions(self, "a"), self));
    }

    @Test
    void aDifferenceReadAgainIsTheSameOnlyWhenBothSidesAreUnchanged() {
        RejoinSweep.Difference seen = RejoinSweep.Difference.of(versions(self, new byte[] {1}, first, null), self);
        assertTrue(seen.sameAs(RejoinSweep.Difference.of(versions(self, new byte[] {1}, first, null), self)));
        assertFalse(seen.sameAs(RejoinSweep.Difference.of(versions(self, new byte[] {1}, first, new byte[] {3}), self)));
        assertFalse(seen.sameAs(RejoinSweep.Difference.of(versions(self, new byte[] {1}, first, new byte[] {1}), self)));
        assertNull(RejoinSweep.Difference.of(versions(self, null, first, null), self));
    }
}
