package org.facegrid.backup;

import java.io.Serializable;

/** An archive entry on its way into the staging directory. */
record StagedEntry(String name, byte[] bytes) implements Serializable {
}
