package org.facegrid.operator.install;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** The command's own files (credentials, domain.state, joined): key=value lines, read as data, never sourced. */
final class PropertiesFile {
    private PropertiesFile() {
    }

    static Optional<Properties> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
        } catch (IOException e) {
            throw Installation.unchecked("cannot read " + file, e);
        }
        return Optional.of(values);
    }
}
