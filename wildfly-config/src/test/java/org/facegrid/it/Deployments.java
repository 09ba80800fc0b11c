package org.facegrid.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

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

    /** The test server, as its admin. */
    static Http server() {
        return server("admin");
    }

    /** The test server as its admin, operator or viewer (users and passwords made by src/test/bin/make-test-users). */
    static Http server(String user) {
        Path file = Path.of(System.getProperty("facegrid.it.base.dir", "target/it-standalone"), "api-users.properties");
        Properties users = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            users.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no test users at " + file.toAbsolutePath() + "; build with mvn verify", e);
        }
        return new Http(System.getProperty("facegrid.it.url", "http://127.0.0.1:8580"))
                .as(user, users.getProperty(user));
    }
}
