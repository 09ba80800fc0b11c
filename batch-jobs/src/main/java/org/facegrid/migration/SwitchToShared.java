package org.facegrid.migration;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.jobs.JobRun;
import org.facegrid.storage.ObjectRecord;
import org.facegrid.storage.ObjectRecords;
import org.facegrid.storage.SharedDirectoryCopy;
import org.facegrid.storage.StoragePaths;
import org.facegrid.storage.StorageSettings;

import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Step 3: makes sure every recorded object is in the shared directory (a write that was under way when the
 * migration started may have missed both the copy step and the dual write), then switches the cluster to
 * shared mode. From here every node reads and writes the shared directory.
 */
@Named("switchToShared")
@Dependent
public class SwitchToShared extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(SwitchToShared.class.getName());

    @Inject
    JobRun run;

    @Inject
    ObjectRecords records;

    @Inject
    SharedDirectoryCopy sharedCopy;

    @Inject
    StorageSettings settings;

    @Override
    public String process() {
        Path dir = Path.of(run.parameter("to"));
        StoragePaths shared = StoragePaths.single(dir);
        long late = 0;
        for (ObjectRecord record : records.objectRecords()) {
            if (!shared.has(record.key())
                    && sharedCopy.copyInto(dir, record) == SharedDirectoryCopy.Outcome.COPIED) {
                late++;
            }
        }
        run.add(Map.of("objectsCopiedAtSwitch", late));
        settings.switchToShared(dir);
        LOG.info(() -> "FGJOB052: migration " + run.id() + ": the cluster stores objects in " + dir + " now");
        return "COMPLETED";
    }
}
