package org.facegrid.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The FaceGrid version this node runs, as the build wrote it into {@code version.properties}. */
public final class FacegridVersion {
    private FacegridVersion() {
    }

    public static String get() {
        try (InputStream in = FacegridVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
