package org.facegrid.inference;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The labelled photos in ../shared/faces (beside the repository); tests that need them skip without them. */
public final class SharedFaces {
    private SharedFaces() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("facegrid.faces", "../../shared/faces"));
        assumeTrue(Files.isDirectory(root.resolve("dev")), "no face photos at " + root.toAbsolutePath()
                + " (shared/faces beside the repository): test skipped");
        return root;
    }
}
