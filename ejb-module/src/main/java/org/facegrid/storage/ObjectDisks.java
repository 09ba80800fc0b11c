package org.facegrid.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The space on the disks this node stores objects on, for the free-space watch and retention. */
@ApplicationScoped
public class ObjectDisks {
    @Inject
    NodeCopies copies;

    /** Free and total space of each disk this node stores objects on (the shared directory in shared mode). */
    public List<DiskSpace> diskSpace() {
        List<DiskSpace> disks = new ArrayList<>();
        for (Path path : copies.readable().paths()) {
            File dir = path.toFile();
            dir.mkdirs(); // a path nothing was written to yet has the space of the disk it will be on
            disks.add(new DiskSpace(path.toString(), dir.getUsableSpace(), dir.getTotalSpace()));
        }
        return disks;
    }

    public record DiskSpace(String path, long freeBytes, long totalBytes) {
    }
}
