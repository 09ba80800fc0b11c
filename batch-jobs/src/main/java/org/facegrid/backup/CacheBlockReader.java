package org.facegrid.backup;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.jobs.JobRun;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Backup step "caches": reads every data cache a block of segments at a time; one archive entry per non-empty
 * block. The checkpoint is the number of blocks done, so a restarted backup goes on from there.
 */
@Named("cacheBlockReader")
@Dependent
public class CacheBlockReader extends AbstractItemReader {
    @Inject
    JobRun run;

    @Inject
    BackupCaches caches;

    private List<BackupCaches.Block> blocks;
    private int next;

    @Override
    public void open(Serializable checkpoint) {
        BackupKind kind = BackupPlan.of(run).kind();
        blocks = kind.includesCaches() ? caches.blocks() : List.of();
        next = checkpoint == null ? 0 : (Integer) checkpoint;
    }

    @Override
    public Object readItem() {
        while (next < blocks.size()) {
            BackupCaches.Block block = blocks.get(next++);
            Map<String, Object> entries = caches.read(block);
            run.progress("caches", next, blocks.size(), Map.of());
            if (!entries.isEmpty()) {
                return new StagedEntry(block.entryName(), CacheDump.encode(entries));
            }
        }
        return null;
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }
}
