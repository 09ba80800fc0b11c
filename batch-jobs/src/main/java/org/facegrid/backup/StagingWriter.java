package org.facegrid.backup;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.jobs.JobRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes entries into the backup's staging directory, each under a temporary name first: after a crash a
 * staged file is whole or absent, and a restarted job rewrites what its checkpoint had not covered.
 */
@Named("stagingWriter")
@Dependent
public class StagingWriter extends AbstractItemWriter {
    @Inject
    JobRun run;

    @Override
    public void writeItems(List<Object> items) throws IOException {
        Path staging = BackupPlan.of(run).staging();
        for (Object item : items) {
            StagedEntry entry = (StagedEntry) item;
            Path target = staging.resolve(entry.name());
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".", ".partial");
            Files.write(temp, entry.bytes());
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
