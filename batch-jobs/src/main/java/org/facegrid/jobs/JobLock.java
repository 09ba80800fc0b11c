package org.facegrid.jobs;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.facegrid.cluster.ClusterView;
import org.facegrid.cluster.NodeIdentity;
import org.facegrid.store.CacheOf;
import org.facegrid.store.DataCache;
import org.infinispan.Cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One job at a time in the cluster: a lock entry in the {@code jobs} cache, taken and handed on only by
 * compare-and-set (putIfAbsent, replace(old, new)), so of two nodes starting jobs at the same moment exactly one
 * gets it. It names its owner (job and node) and holds a lease the owner's node renews every
 * {@value #RENEW_SECONDS} s while the job runs; a lock whose lease ran out (a hung node), whose node left the
 * view (a crash) or whose job has ended is lapsed, and the next job takes it over. The same job takes its own
 * lock back (a restart after its server died).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobLock {
    private static final Logger LOG = Logger.getLogger(JobLock.class.getName());
    /** '~' can start no job id (they are UUIDs): the history skips this key. */
    static final String KEY = "~lock";
    static final Duration LEASE = Duration.ofSeconds(60);
    static final int RENEW_SECONDS = 15;

    @Inject
    @CacheOf(DataCache.JOBS)
    private Cache<String, String> jobs;

    @Inject
    ClusterView view;

    @Inject
    JobHistory history;

    private Clock clock = Clock.systemUTC();
    private Predicate<String> nodeUp;
    private Predicate<String> jobEnded;
    private final String self = NodeIdentity.fromSystemProperties().name();

    JobLock() {
    }

    /** On a given cache, clock and view of the cluster (tests). */
    JobLock(Cache<String, String> jobs, Clock clock, Predicate<String> nodeUp, Predicate<String> jobEnded) {
        this.jobs = jobs;
        this.clock = clock;
        this.nodeUp = nodeUp;
        this.jobEnded = jobEnded;
    }

    /** Who holds the lock, and until when. */
    public record Holder(String jobId, String node, long leaseUntil) {
        String encoded() {
            return jobId + "|" + node + "|" + leaseUntil;
        }

        static Holder decode(String value) {
            String[] parts = value.split("\\|");
            return new Holder(parts[0], parts[1], Long.parseLong(parts[2]));
        }
    }

    /**
     * Takes the lock for {@code jobId} run on {@code node}.
     *
     * @return empty when taken; else the holder whose job runs
     */
    public Optional<Holder> acquire(String jobId, String node) {
        while (true) {
            Holder mine = new Holder(jobId, node, clock.millis() + LEASE.toMillis());
            String current = jobs.get(KEY);
            if (current == null) {
                if (jobs.putIfAbsent(KEY, mine.encoded()) == null) {
                    return Optional.empty();
                }
                continue; // another node took it between the read and the put: look again
            }
            Holder held = Holder.decode(current);
            String lapsed = held.jobId().equals(jobId) ? "" : lapsed(held);
            if (lapsed == null) {
                return Optional.of(held);
            }
            if (jobs.replace(KEY, current, mine.encoded())) {
                if (!lapsed.isEmpty()) {
                    LOG.info(() -> "FGJOB010: the job lock of " + held.jobId() + " on " + held.node() + " lapsed ("
                            + lapsed + "); job " + jobId + " on " + node + " takes it");
                }
                return Optional.empty();
            }
        }
    }

    /** Gives the lock up if {@code jobId} holds it (the job ended, or never started). */
    public void release(String jobId) {
        String current = jobs.get(KEY);
        if (current != null && Holder.decode(current).jobId().equals(jobId)) {
            jobs.remove(KEY, current);
        }
    }

    /** Extends the lease of the lock {@code node} holds for a job still running; releases it once the job ended. */
    boolean renew(String node) {
        String current = jobs.get(KEY);
        if (current == null) {
            return false;
        }
        Holder held = Holder.decode(current);
        if (!held.node().equals(node)) {
            return false;
        }
        if (jobEnded().test(held.jobId())) {
            jobs.remove(KEY, current);
            return false;
        }
        return jobs.replace(KEY, current, new Holder(held.jobId(), node, clock.millis() + LEASE.toMillis()).encoded());
    }

    public Optional<Holder> holder() {
        return Optional.ofNullable(jobs.get(KEY)).map(Holder::decode);
    }

    @Schedule(hour = "*", minute = "*", second = "*/" + RENEW_SECONDS, persistent = false)
    void renewOwnLease() {
        try {
            renew(self);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not renew the job lock's lease", e); // a minority side; the next tick tries
        }
    }

    /** Why a holder's lock no longer counts; null while it does. */
    private String lapsed(Holder held) {
        if (held.leaseUntil() < clock.millis()) {
            return "its lease ran out";
        }
        if (!nodeUp().test(held.node())) {
            return held.node() + " left the cluster";
        }
        if (jobEnded().test(held.jobId())) {
            return "the job ended";
        }
        return null;
    }

    private Predicate<String> nodeUp() {
        return nodeUp != null ? nodeUp : view::isUp;
    }

    /** A job whose record says it ended (no record: just being created, so not ended). */
    private Predicate<String> jobEnded() {
        return jobEnded != null ? jobEnded : id -> history.stored(id).map(r -> !r.status().running()).orElse(false);
    }
}
