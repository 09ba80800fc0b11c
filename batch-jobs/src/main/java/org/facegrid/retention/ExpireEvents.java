package org.facegrid.retention;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.events.Event;
import org.facegrid.events.EventLog;
import org.facegrid.jobs.JobRun;
import org.facegrid.storage.ClusterObjectStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The age step of the retention job: events older than {@code eventsMaxAge} go with their images and their
 * hours' index entries; younger events past their feed's image age lose the image and keep their metadata.
 * Stopping leaves every event either done or untouched; the next run goes on where this one stopped.
 */
@Named("expireEvents")
@Dependent
public class ExpireEvents extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(ExpireEvents.class.getName());
    private static final int BATCH = 200;

    @Inject
    JobRun run;

    @Inject
    RetentionSettings settings;

    @Inject
    EventLog events;

    @Inject
    ClusterObjectStore objects;

    private volatile boolean stopped;

    @Override
    public String process() {
        long now = System.currentTimeMillis();
        RetentionPolicy policy = settings.policy();
        List<String> ids = events.idsBefore(policy.oldestKeptWhole(now));
        Map<String, Long> counts = new LinkedHashMap<>(Map.of("eventsRemoved", 0L, "imagesRemoved", 0L));
        for (int from = 0; from < ids.size() && !stopped; from += BATCH) {
            for (Event event : events.events(ids.subList(from, Math.min(ids.size(), from + BATCH)))) {
                switch (policy.decide(event, now)) {
                    case DROP_EVENT -> {
                        deleteImage(event, counts);
                        events.remove(event.id());
                        counts.merge("eventsRemoved", 1L, Long::sum);
                    }
                    case DROP_IMAGE -> {
                        deleteImage(event, counts);
                        events.forgetImage(event);
                    }
                    case KEEP -> { }
                }
            }
            run.progress("expire", Math.min(ids.size(), from + BATCH), ids.size(), counts);
        }
        if (stopped) {
            return "STOPPED";
        }
        if (policy.eventsMaxAge() != null) {
            counts.put("indexEntriesRemoved", (long) events.removeIndexHoursBefore(now - policy.eventsMaxAge().toMillis()));
        }
        run.progress("expire", ids.size(), ids.size(), counts);
        LOG.info(() -> "FGJOB040: retention " + run.id() + " by age: " + counts);
        return "COMPLETED";
    }

    private void deleteImage(Event event, Map<String, Long> counts) {
        // only ever an event image: enrolment images live under faces/ and are never retention's to remove
        if (event.imageKey() != null && event.imageKey().startsWith(Event.IMAGE_PREFIX)) {
            objects.delete(event.imageKey());
            counts.merge("imagesRemoved", 1L, Long::sum);
        }
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
