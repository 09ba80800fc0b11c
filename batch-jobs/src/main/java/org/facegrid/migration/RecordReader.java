package org.facegrid.migration;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.jobs.JobRun;
import org.facegrid.storage.ObjectRecord;
import org.facegrid.storage.ObjectRecords;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** The copy step's reader: every object record of the cluster, in key order; the checkpoint is the last key. */
@Named("migrationRecordReader")
@Dependent
public class RecordReader extends AbstractItemReader {
    @Inject
    JobRun run;

    @Inject
    ObjectRecords objectRecords;

    private List<ObjectRecord> records;
    private int next;

    @Override
    public void open(Serializable checkpoint) {
        records = objectRecords.objectRecords();
        next = 0;
        if (checkpoint != null) {
            while (next < records.size() && records.get(next).key().compareTo((String) checkpoint) <= 0) {
                next++;
            }
        }
    }

    @Override
    public Object readItem() {
        if (next % 50 == 0 || next == records.size()) {
            run.progress("copy", next, records.size(), Map.of());
        }
        return next < records.size() ? records.get(next++) : null;
    }

    @Override
    public Serializable checkpointInfo() {
        return next == 0 ? null : records.get(next - 1).key();
    }
}
