package org.facegrid.schedule;

import jakarta.ejb.ScheduleExpression;
import org.facegrid.problem.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CronExpressionTest {
    @Test
    void theFiveFieldsBecomeACalendarScheduleAtSecondZero() {
        ScheduleExpression schedule = CronExpression.parse(" 30  2 1-15 JAN,jul mon-fri ").toScheduleExpression();
        assertEquals("0", schedule.getSecond());
        assertEquals("30", schedule.getMinute());
        assertEquals("2", schedule.getHour());
        assertEquals("1-15", schedule.getDayOfMonth());
        assertEquals("jan,jul", schedule.getMonth());
        assertEquals("mon-fri", schedule.getDayOfWeek());
        assertEquals("*/15 */6 * * *", CronExpression.parse("*/15 */6 * * *").toString());
    }

    @Test
    void aWrongExpressionNamesTheFieldAndTheProblem() {
        assertProblem("* * * *", "must have 5 fields");
        assertProblem("60 * * * *", "The cron expression is not valid: its minute field '60' is not valid: 60 is not "
                + "between 0 and 59.");
        assertProblem("0 24 * * *", "hour field");
        assertProblem("0 0 0 * *", "day of month field '0'");
        assertProblem("0 0 * foo *", "'foo' is not a number or a name (jan, feb");
        assertProblem("0 0 */2 * *", "steps (/n) are allowed in minute and hour only");
        assertProblem("*/0 * * * *", "the step must be 1 to 59");
        assertProblem("0 0 * * 5-1", "a range runs from low to high");
        assertProblem("0 0 * * 1,,2", "'' is not *");
        assertProblem(null, "must have 5 fields");
    }

    @Test
    void aSlotRunsOnceAndEarlierSlotsNeverAgain() {
        Schedule schedule = new Schedule("backup", "id-1", CronExpression.parse("0 3 * * *"), Map.of("kind", "full"),
                "admin", 1_000, 0, null, null);
        assertTrue(schedule.isNew(5_000));
        Schedule ran = schedule.ran(5_000, "job-1", "STARTED");
        assertFalse(ran.isNew(5_000), "the same slot fired again after a partition healed");
        assertFalse(ran.isNew(4_000));
        assertTrue(ran.isNew(6_000));
        Schedule read = Schedule.fromJson(ran.toJson().toString());
        assertEquals(ran, read);
        assertEquals("1970-01-01T00:00:05Z", ran.shown().getString("lastSlot"), "the API shows times in ISO-8601");
        assertEquals(schedule, Schedule.fromJson(schedule.toJson().toString()));
        Schedule claimed = schedule.ran(7_000, null, "STARTING"); // claimed, its job not started yet
        assertEquals(claimed, Schedule.fromJson(claimed.toJson().toString()));
        assertFalse(claimed.isNew(7_000));
    }

    private static void assertProblem(String cron, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CronExpression.parse(cron));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
