package org.facegrid.inference;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The labelled photos in ../shared/faces (beside the repository). A test that needs them fails without them:
 * they are part of what the build needs (.ci/run refuses to start without them), never a reason to skip.
 */
public final class SharedFaces {
    private SharedFaces() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("facegrid.faces", "../../shared/faces"));
        assertTrue(Files.isDirectory(root.resolve("dev")), "the labelled face photos are not at "
                + root.toAbsolutePath() + " (shared/faces beside the repository); this test needs them");
        return root;
    }
}
