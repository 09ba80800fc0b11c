package org.facegrid.operator.install;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** On a joined host, whose domain it joined and as what: written once the join completed, removed by leave. */
public record JoinRecord(String name, String role, String managementUrl) {

    public static Optional<JoinRecord> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
        } catch (IOException e) {
            throw Installation.unchecked("cannot read " + file, e);
        }
        return Optional.of(new JoinRecord(values.getProperty("join_name"), values.getProperty("join_role"),
                values.getProperty("join_management_url")));
    }

    public void write(Path file) {
        SecretFiles.write(file, "join_name=" + name + "\njoin_role=" + role + "\njoin_management_url=" + managementUrl + "\n");
    }
}
