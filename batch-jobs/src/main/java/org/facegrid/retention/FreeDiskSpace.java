package org.facegrid.retention;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.events.Event;
import org.facegrid.events.EventLog;
import org.facegrid.jobs.JobRun;
import org.facegrid.storage.ClusterObjectStore;
import org.facegrid.storage.NodeCopies;
import org.facegrid.storage.ObjectDisks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The free-space step of the retention job, for the disks of the node it runs on: while a disk is below the
 * policy's floor, the oldest event images on this node go first (their keys start with the event's time), and
 * their events keep their metadata. Enrolment images are never touched; when only they are left, the disk
 * stays below the floor and the log says so.
 */
@Named("freeDiskSpace")
@Dependent
public class FreeDiskSpace extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(FreeDiskSpace.class.getName());
    /** Images removed between two looks at the disks. */
    private static final int CHECK_EVERY = 50;

    @Inject
    JobRun run;

    @Inject
    RetentionSettings settings;

    @Inject
    EventLog events;

    @Inject
    ClusterObjectStore objects;

    @Inject
    NodeCopies copies;

    @Inject
    ObjectDisks disks;

    private volatile boolean stopped;

    @Override
    public String process() {
        RetentionPolicy policy = settings.policy();
        Map<String, Long> counts = new LinkedHashMap<>(Map.of("imagesRemovedForSpace", 0L));
        long missing = bytesToFree(policy);
        if (missing == 0) {
            run.progress("free-space", 0, 0, counts);
            return "COMPLETED";
        }
        // sorted event image keys are oldest first (Event.IMAGE_PREFIX)
        List<String> images = copies.keysOnThisNode().stream().filter(k -> k.startsWith(Event.IMAGE_PREFIX))
                .sorted().toList();
        int removed = 0;
        for (String key : images) {
            if (stopped || missing == 0) {
                break;
            }
            objects.delete(key);
            events.find(Event.idOfImageKey(key)).ifPresent(events::forgetImage);
            counts.put("imagesRemovedForSpace", (long) ++removed);
            if (removed % CHECK_EVERY == 0) {
                missing = bytesToFree(policy);
                run.progress("free-space", removed, images.size(), counts);
            }
        }
        missing = bytesToFree(policy);
        counts.put("bytesStillMissing", missing);
        run.progress("free-space", removed, images.size(), counts);
        long stillMissing = missing;
        LOG.info(() -> "FGJOB041: retention " + run.id() + " removed " + counts.get("imagesRemovedForSpace")
                + " event images for disk space on " + run.node() + (stillMissing > 0
                ? "; still " + stillMissing + " bytes below the floor (what is left is not retention's to remove)" : ""));
        return stopped ? "STOPPED" : "COMPLETED";
    }

    /** The most any of this node's disks is below the floor. */
    private long bytesToFree(RetentionPolicy policy) {
        return disks.diskSpace().stream().mapToLong(d -> policy.bytesToFree(d.freeBytes(), d.totalBytes()))
                .max().orElse(0);
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
