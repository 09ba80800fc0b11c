package org.facegrid.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

import java.io.File;

/** The real facegrid.ear the build produced: the integration tests deploy exactly what operators run. */
final class Deployments {
    private Deployments() {
    }

    static EnterpriseArchive facegridEar() {
        File ear = new File(System.getProperty("facegrid.ear", "../ear/target/facegrid.ear"));
        if (!ear.isFile()) {
            throw new IllegalStateException("no EAR at " + ear.getAbsolutePath() + "; build the ear module first");
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }

    static Http server() {
        return new Http(System.getProperty("facegrid.it.url", "http://127.0.0.1:8580"));
    }
}
