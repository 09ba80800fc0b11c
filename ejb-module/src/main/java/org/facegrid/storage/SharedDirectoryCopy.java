package org.facegrid.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.Optional;

/** The migration's copy of each recorded object into the shared directory the cluster moves to. */
@ApplicationScoped
public class SharedDirectoryCopy {
    @Inject
    ClusterObjectStore store;

    @Inject
    ObjectRecords records;

    SharedDirectoryCopy() {
    }

    SharedDirectoryCopy(ClusterObjectStore store, ObjectRecords records) {
        this.store = store;
        this.records = records;
    }

    /** What {@link #copyInto} found or did. */
    public enum Outcome { ALREADY_THERE, COPIED, MISSING, DELETED_MEANWHILE }

    /**
     * Puts a recorded object into {@code dir} unless it is there already with the recorded checksum, fetching
     * the bytes from wherever they are; reads back and checks what it wrote. Writes and deletes go on meanwhile
     * and reach {@code dir} themselves, so the record is read again: an object rewritten since it was listed is
     * copied in its new version, one deleted meanwhile is taken back out.
     *
     * @throws IllegalStateException the bytes found, or those read back, are not the recorded ones
     */
    public Outcome copyInto(Path dir, ObjectRecord listed) {
        String key = listed.key();
        StoragePaths target = StoragePaths.single(dir);
        if (holds(target, listed)) {
            return Outcome.ALREADY_THERE;
        }
        Optional<ObjectStore.StoredObject> found = store.get(key);
        if (found.isEmpty() || !Checksums.sha256(found.get().bytes()).equals(listed.sha256())) {
            Optional<ObjectRecord> now = records.find(key);
            if (now.isEmpty()) {
                return Outcome.DELETED_MEANWHILE;
            }
            if (!now.get().sha256().equals(listed.sha256())) {
                return copyInto(dir, now.get());
            }
            if (found.isEmpty()) {
                return Outcome.MISSING;
            }
            throw new IllegalStateException("object " + key + ": the bytes found do not match the recorded sha-256 "
                    + listed.sha256());
        }
        target.write(key, found.get().bytes());
        Optional<ObjectRecord> now = records.find(key);
        if (now.isEmpty()) {
            target.delete(key); // the delete may have looked in dir before this copy was there
            return Outcome.DELETED_MEANWHILE;
        }
        if (!now.get().sha256().equals(listed.sha256())) {
            return copyInto(dir, now.get()); // this copy may have overwritten the rewrite's own
        }
        if (!holds(target, listed)) {
            throw new IllegalStateException("object " + key + ": what " + dir + " holds after the copy does not "
                    + "match the recorded sha-256 " + listed.sha256());
        }
        return Outcome.COPIED;
    }

    private static boolean holds(StoragePaths dir, ObjectRecord record) {
        return dir.read(record.key()).map(Checksums::sha256).filter(record.sha256()::equals).isPresent();
    }
}
