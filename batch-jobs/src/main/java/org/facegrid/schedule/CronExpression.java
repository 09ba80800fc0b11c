package org.facegrid.schedule;

import jakarta.ejb.ScheduleExpression;
import org.facegrid.problem.InvalidInputException;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A schedule in the five fields operators know from cron: {@code minute hour day-of-month month day-of-week},
 * e.g. {@code 30 2 * * *} (every day at 02:30) or {@code 0 * /6 * * mon-fri} (written without the space). Each
 * field is {@code *}, a value, a range {@code a-b}, a step {@code * /n} or {@code a/n} (minute and hour only, as
 * EJB calendar timers allow), or a comma list of those; months and days may be named (jan, mon). Times are the
 * server's time zone. Checked here, field by field, so a wrong expression is a 400 naming the field, and then
 * handed to the EJB timer service as a {@link ScheduleExpression}.
 */
public record CronExpression(String minute, String hour, String dayOfMonth, String month, String dayOfWeek) {
    private record Field(String name, int min, int max, boolean steps, List<String> names) {
    }

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final Field[] FIELDS = {
            new Field("minute", 0, 59, true, List.of()),
            new Field("hour", 0, 23, true, List.of()),
            new Field("day of month", 1, 31, false, List.of()),
            new Field("month", 1, 12, false, MONTHS),
            new Field("day of week", 0, 7, false, DAYS)};
    private static final Pattern ITEM = Pattern.compile("(\\*|[a-z0-9]+(-[a-z0-9]+)?)(/\\d+)?");

    /** @throws InvalidInputException naming the field that is wrong */
    public static CronExpression parse(String text) {
        String[] fields = text == null ? new String[0] : text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (fields.length != 5) {
            throw InvalidInputException.of("cron", "must have 5 fields (minute hour day-of-month month day-of-week), "
                    + "e.g. \"30 2 * * *\" for every day at 02:30, not '" + text + "'");
        }
        for (int i = 0; i < 5; i++) {
            check(FIELDS[i], fields[i]);
        }
        return new CronExpression(fields[0], fields[1], fields[2], fields[3], fields[4]);
    }

    private static void check(Field field, String text) {
        for (String item : text.split(",", -1)) {
            if (!ITEM.matcher(item).matches()) {
                throw wrong(field, text, "'" + item + "' is not *, a value, a range a-b or a step */n");
            }
            String[] rangeAndStep = item.split("/");
            if (rangeAndStep.length == 2) {
                if (!field.steps) {
                    throw wrong(field, text, "steps (/n) are allowed in minute and hour only");
                }
                int step = Integer.parseInt(rangeAndStep[1]);
                if (step < 1 || step > field.max) {
                    throw wrong(field, text, "the step must be 1 to " + field.max);
                }
            }
            if (!rangeAndStep[0].equals("*")) {
                String[] bounds = rangeAndStep[0].split("-");
                int low = value(field, bounds[0], text);
                if (bounds.length == 2 && value(field, bounds[1], text) < low) {
                    throw wrong(field, text, "a range runs from low to high");
                }
            }
        }
    }

    private static int value(Field field, String text, String whole) {
        int named = field.names.indexOf(text);
        if (named >= 0) {
            return named + field.min;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw wrong(field, whole, "'" + text + "' is not a number" + (field.names.isEmpty() ? ""
                    : " or a name (" + String.join(", ", field.names) + ")"));
        }
        if (value < field.min || value > field.max) {
            throw wrong(field, whole, value + " is not between " + field.min + " and " + field.max);
        }
        return value;
    }

    private static InvalidInputException wrong(Field field, String text, String why) {
        String problem = "its " + field.name + " field '" + text + "' is not valid: " + why;
        return new InvalidInputException("The cron expression is not valid: " + problem + ".",
                java.util.List.of(new InvalidInputException.FieldProblem("cron", problem)));
    }

    /** The same schedule for the EJB timer service: second 0 of each matching minute. */
    public ScheduleExpression toScheduleExpression() {
        return new ScheduleExpression().second("0").minute(minute).hour(hour).dayOfMonth(dayOfMonth).month(month)
                .dayOfWeek(dayOfWeek);
    }

    @Override
    public String toString() {
        return String.join(" ", minute, hour, dayOfMonth, month, dayOfWeek);
    }
}
