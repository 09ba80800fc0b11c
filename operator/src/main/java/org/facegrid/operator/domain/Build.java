package org.facegrid.operator.domain;

import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.Say;
import org.facegrid.operator.install.Installation;

import java.io.IOException;

/** The first start builds FaceGrid (the EAR, and WildFly provisioned with its profile) when that was not done. */
public final class Build {
    private Build() {
    }

    public static void ensure(Installation installation) {
        if (installation.built()) {
            return;
        }
        Say.line("building FaceGrid and provisioning WildFly " + Installation.wildflyVersion() + " (first run only)...");
        try {
            Process maven = new ProcessBuilder("mvn", "-q", "-B", "-DskipTests", "install")
                    .directory(installation.repo().toFile()).inheritIO().start();
            if (maven.waitFor() != 0) {
                throw CommandFailure.failed("the build failed (see above)");
            }
        } catch (IOException e) {
            throw CommandFailure.failed("Maven (mvn) is needed to build FaceGrid; install it and run again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(130, "interrupted");
        }
        if (!installation.built()) {
            throw CommandFailure.failed("the build did not produce " + installation.ear());
        }
    }
}
