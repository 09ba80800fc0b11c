package org.facegrid.operator.cluster;

import org.facegrid.operator.api.Readiness;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadinessTest {
    private static String body(String status, String data) {
        return "{\"status\":\"" + status + "\",\"checks\":[{\"name\":\"no-deadlocked-threads\",\"status\":\"UP\"},"
                + "{\"name\":\"cluster-member\",\"status\":\"" + status + "\",\"data\":{" + data + "}}]}";
    }

    @Test
    void aNodeOutOfRotationIsStillAMemberOfASettledView() {
        Readiness readiness = Readiness.parse(503, body("DOWN", "\"deployed\":true,\"inView\":true,\"viewSize\":3,"
                + "\"settled\":true,\"caughtUp\":true,\"cache.persons\":\"AVAILABLE\""));
        assertFalse(readiness.ready());
        assertTrue(readiness.member());
        assertTrue(readiness.settledIn(3));
        assertFalse(readiness.settledIn(2), "a view of another size is not the one awaited");
    }

    @Test
    void aDegradedCacheARebalanceOrARejoinSweepUnderWayIsNotSettled() {
        assertFalse(Readiness.parse(503, body("DOWN", "\"deployed\":true,\"inView\":true,\"viewSize\":2,\"settled\":true,"
                + "\"cache.persons\":\"DEGRADED_MODE\"")).member());
        assertFalse(Readiness.parse(200, body("UP", "\"deployed\":true,\"inView\":true,\"viewSize\":2,\"settled\":false"))
                .settledIn(2));
        assertFalse(Readiness.parse(200, body("UP", "\"deployed\":true,\"inView\":true,\"viewSize\":2,\"settled\":true,"
                + "\"caughtUp\":false")).settledIn(2));
        assertFalse(Readiness.parse(503, body("DOWN", "\"deployed\":false")).member(), "not deployed yet");
    }

    @Test
    void aPageThatIsNotAHealthReportIsNeitherReadyNorAMember() {
        Readiness html = Readiness.parse(404, "<html><body>Not Found</body></html>");
        assertFalse(html.ready());
        assertFalse(html.member());
        assertFalse(Readiness.parse(200, "{\"status\":\"UP\"}").member(), "no checks at all");
    }
}
