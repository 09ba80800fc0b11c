package org.facegrid.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.cluster.ClusterView;
import org.facegrid.store.CacheOf;
import org.facegrid.store.CacheReads;
import org.facegrid.store.DataCache;
import org.infinispan.Cache;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Every job run of the cluster, newest first: a persisted, replicated cache, so the history survives restarts
 * and every node shows the same one. The batch runtime's own repository is per server (its executions and
 * checkpoints); this is the record operators read.
 */
@ApplicationScoped
public class JobHistory {
    /**
     * A running job whose record has not changed for this long is shown as UNKNOWN (its node hangs?); so is one
     * whose node left the cluster (the batch runtime's executions die with their server).
     */
    public static final long STALE_AFTER_MS = 5 * 60_000;

    @Inject
    @CacheOf(DataCache.JOBS)
    private Cache<String, String> jobs;

    @Inject
    ClusterView view;

    JobRecord create(String id, String name, Map<String, String> parameters, String node, String startedBy) {
        JobRecord record = JobRecord.starting(id, name, parameters, node, startedBy,
                System.currentTimeMillis());
        jobs.put(record.id(), record.toJson().toString());
        return record;
    }

    /** A run nobody registered (started from the WildFly console or jboss-cli): recorded under the given id. */
    void createIfAbsent(JobRecord record) {
        jobs.putIfAbsent(record.id(), record.toJson().toString());
    }

    public Optional<JobRecord> find(String id) {
        String json = jobs.get(id);
        return json == null ? Optional.empty() : Optional.of(shown(JobRecord.fromJson(json)));
    }

    /** The record as stored (not as {@link #shown}). */
    Optional<JobRecord> stored(String id) {
        return Optional.ofNullable(jobs.get(id)).map(JobRecord::fromJson);
    }

    /** Newest first. */
    public List<JobRecord> all() {
        return storedRecords().stream().map(this::shown)
                .sorted(Comparator.comparingLong(JobRecord::startedAt).reversed()).toList();
    }

    /** The records of runs {@code node} was running, as stored (not as {@link #shown}). */
    List<JobRecord> runningOn(String node) {
        return storedRecords().stream().filter(r -> r.node().equals(node) && r.status().running()).toList();
    }

    /** Every record; the cache also holds the cluster's {@link JobLock}. */
    private List<JobRecord> storedRecords() {
        return CacheReads.allEntries(jobs).entrySet().stream().filter(e -> !e.getKey().equals(JobLock.KEY))
                .map(e -> JobRecord.fromJson(e.getValue())).toList();
    }

    private JobRecord shown(JobRecord record) {
        boolean stale = record.status().running()
                && (System.currentTimeMillis() - record.updatedAt() > STALE_AFTER_MS || !view.isUp(record.node()));
        return stale ? record.withStatus(JobRecord.Status.UNKNOWN, record.updatedAt()) : record;
    }

    /** Applies a change to the stored record, retrying when another writer changed it meanwhile. */
    JobRecord update(String id, UnaryOperator<JobRecord> change) {
        while (true) {
            String read = jobs.get(id);
            if (read == null) {
                throw new IllegalStateException("no job record " + id);
            }
            JobRecord next = change.apply(JobRecord.fromJson(read));
            if (jobs.replace(id, read, next.toJson().toString())) {
                return next;
            }
        }
    }

    public void progress(String id, String step, long done, long total, Map<String, Long> counts) {
        update(id, r -> r.progress(step, done, total, counts, System.currentTimeMillis()));
    }

    public void add(String id, Map<String, Long> increments) {
        update(id, r -> r.add(increments, System.currentTimeMillis()));
    }

    public void failed(String id, String message) {
        update(id, r -> r.failed(message, System.currentTimeMillis()));
    }
}
