package org.facegrid.schedule;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.facegrid.cluster.WriteGuard;
import org.facegrid.jobs.JobLauncher;
import org.facegrid.jobs.JobRecord;
import org.facegrid.problem.NotFoundException;
import org.facegrid.problem.ProblemException;
import org.facegrid.store.CacheOf;
import org.facegrid.store.DataCache;
import org.infinispan.Cache;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs jobs on cron schedules, cluster-wide. Each schedule is one persistent calendar timer: in the ha profile
 * WildFly keeps persistent timers in a distributed Infinispan cache, so a timer fires on one node per slot and
 * still fires when the node that created it is gone. The definition lives in the {@code settings} cache (what
 * GET shows, and what a firing timer checks itself against).
 *
 * <p>A firing starts the job on the node that fired, like {@code POST /jobs/{name}} there. It first claims its
 * slot in the definition (a compare-and-set of {@code lastSlot}): a slot fired again after a partition heals
 * finds itself claimed and does nothing. A slot missed while no node ran is fired once when the cluster is back
 * (the timer service's catch-up), never once per missed slot. A slot that finds another backup or restore
 * running is skipped, with the reason in {@code lastOutcome} and the log.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobScheduler {
    private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());

    @Resource
    private TimerService timers;

    @Inject
    @CacheOf(DataCache.SETTINGS)
    private Cache<String, String> settings;

    @Inject
    JobLauncher launcher;

    @Inject
    WriteGuard writes;

    /** Epoch milliseconds now: a firing's slot is the minute it fires in. */
    private LongSupplier clock = System::currentTimeMillis;

    public JobScheduler() {
    }

    /** On a given settings cache, launcher and clock (tests fire the timers themselves). */
    JobScheduler(Cache<String, String> settings, JobLauncher launcher, LongSupplier clock) {
        this.settings = settings;
        this.launcher = launcher;
        this.clock = clock;
    }

    /** Creates or replaces the schedule of {@code job}; the old timer stops. */
    public Schedule put(String job, String cron, Map<String, String> parameters, String user) {
        CronExpression expression = CronExpression.parse(cron);
        launcher.checkSchedulable(job, parameters);
        writes.ensureWritable();
        Schedule schedule = new Schedule(job, UUID.randomUUID().toString(), expression, parameters, user,
                System.currentTimeMillis(), 0, null, null);
        cancelTimers(job);
        settings.put(Schedule.key(job), schedule.toJson().toString());
        timers.createCalendarTimer(expression.toScheduleExpression(), new TimerConfig(timerInfo(schedule), true));
        LOG.info(() -> "FGJOB030: " + job + " scheduled '" + expression + "' by " + user);
        return schedule;
    }

    public Optional<Schedule> find(String job) {
        String json = settings.get(Schedule.key(job));
        return json == null ? Optional.empty() : Optional.of(Schedule.fromJson(json));
    }

    public List<Schedule> all() {
        List<Schedule> schedules = new ArrayList<>();
        for (String job : JobLauncher.SCHEDULABLE) {
            find(job).ifPresent(schedules::add);
        }
        schedules.sort(Comparator.comparing(Schedule::job));
        return schedules;
    }

    /** When the schedule fires next, as this node's timer service knows it; empty when none is known here. */
    public Optional<Long> nextRun(Schedule schedule) {
        return timers.getTimers().stream().filter(t -> timerInfo(schedule).equals(t.getInfo()))
                .map(t -> t.getNextTimeout().getTime()).findFirst();
    }

    public void delete(String job) {
        find(job).orElseThrow(() -> new NotFoundException("schedule", job));
        writes.ensureWritable();
        settings.remove(Schedule.key(job));
        cancelTimers(job);
        LOG.info(() -> "FGJOB033: schedule of " + job + " removed");
    }

    @Timeout
    void fire(Timer timer) {
        try {
            fireSlot(timer);
        } catch (RuntimeException e) {
            // never thrown to the timer service: it would retry the slot at once; the next slot tries again
            LOG.log(Level.WARNING, "FGJOB032: scheduled run of " + timer.getInfo() + " skipped", e);
        }
    }

    private void fireSlot(Timer timer) {
        String[] info = String.valueOf(timer.getInfo()).split("\\|");
        String read = settings.get(Schedule.key(info[0]));
        Schedule schedule = read == null ? null : Schedule.fromJson(read);
        if (schedule == null || !schedule.id().equals(info[1])) {
            timer.cancel(); // left over from a definition replaced or removed while this timer's owner was away
            return;
        }
        // the minute that fired (a timer fires at second 0 of each matching minute); inside the timeout the timer's
        // next timeout is already the slot after this one
        long slot = clock.getAsLong() / 60_000 * 60_000;
        if (!schedule.isNew(slot)) {
            LOG.info(() -> "FGJOB031: " + schedule.job() + " slot before " + slot + " already ran (job "
                    + schedule.lastJobId() + "): not run again");
            return;
        }
        Schedule claimed = schedule.ran(slot, null, "STARTING");
        if (!settings.replace(Schedule.key(schedule.job()), read, claimed.toJson().toString())) {
            return; // another firing of this slot claimed it first
        }
        Schedule outcome;
        try {
            JobRecord run = launcher.start(schedule.job(), schedule.parameters(), "schedule");
            outcome = schedule.ran(slot, run.id(), "STARTED");
        } catch (ProblemException | IllegalStateException e) {
            LOG.warning(() -> "FGJOB032: scheduled " + schedule.job() + " skipped: " + e.getMessage());
            outcome = schedule.ran(slot, null, "SKIPPED: " + e.getMessage());
        }
        settings.replace(Schedule.key(schedule.job()), claimed.toJson().toString(), outcome.toJson().toString());
    }

    private void cancelTimers(String job) {
        for (Timer timer : timers.getTimers()) {
            if (String.valueOf(timer.getInfo()).startsWith(job + "|")) {
                timer.cancel();
            }
        }
    }

    private static String timerInfo(Schedule schedule) {
        return schedule.job() + "|" + schedule.id();
    }
}
