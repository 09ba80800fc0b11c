package org.facegrid.it.domain;

import org.facegrid.it.TestImages;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The failure drills of {@code bench/run-failure-drills} (kill a secondary, kill the primary, cut a node off and
 * heal, rolling restart; every acknowledged write read back) as part of the test suite, so CI runs them on every
 * change. About 11 minutes on 2 cores; needs root for iptables, as JoinIT does.
 */
class FailureDrillsIT {

    @Test
    void everyDrillMeetsItsLimitsAndNoAcknowledgedWriteIsLost() throws Exception {
        List<String> missed = new FailureDrills().run(TestImages.sharedFaces("dev").getParent());
        assertEquals(List.of(), missed, "limits missed by the failure drills");
    }
}
