package org.facegrid.migration;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.jobs.JobRun;
import org.facegrid.storage.StorageSettings;

import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Step 1 of migrate-storage: from now on every write and delete of the cluster also reaches the shared
 * directory, so the copy step only has to bring over what existed before.
 */
@Named("startMigration")
@Dependent
public class StartMigration extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(StartMigration.class.getName());

    @Inject
    JobRun run;

    @Inject
    StorageSettings settings;

    @Override
    public String process() {
        Path dir = Path.of(run.parameter("to"));
        settings.startMigration(dir);
        LOG.info(() -> "FGJOB050: migration " + run.id() + " to " + dir + " started: writes and deletes reach it too");
        return "COMPLETED";
    }
}
