package org.facegrid.backup;

import java.util.Arrays;
import java.util.Optional;

/** What a backup holds. */
public enum BackupKind {
    /** Settings, every data cache and every object of the cluster. */
    FULL("full", true, true),
    /** The objects stored on the node that runs it (the seeds' {@code -o}): to rebuild that node's disk. */
    OBJECTS_ONLY("objectsOnly", false, true),
    /** Settings and every data cache, no object bytes (object records included). */
    WITHOUT_IMAGES("withoutImages", true, false);

    private final String label;
    private final boolean caches;
    private final boolean objects;

    BackupKind(String label, boolean caches, boolean objects) {
        this.label = label;
        this.caches = caches;
        this.objects = objects;
    }

    public String label() {
        return label;
    }

    public boolean includesCaches() {
        return caches;
    }

    public boolean includesObjects() {
        return objects;
    }

    public static Optional<BackupKind> parse(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst();
    }
}
