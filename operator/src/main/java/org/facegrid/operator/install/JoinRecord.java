package org.facegrid.operator.install;

import java.nio.file.Path;
import java.util.Optional;

/** On a joined host, whose domain it joined and as what: written once the join completed, removed by leave. */
public record JoinRecord(String name, String role, String managementUrl) {

    public static Optional<JoinRecord> read(Path file) {
        return PropertiesFile.read(file).map(values -> new JoinRecord(values.getProperty("join_name"),
                values.getProperty("join_role"), values.getProperty("join_management_url")));
    }

    public void write(Path file) {
        SecretFiles.write(file, "join_name=" + name + "\njoin_role=" + role + "\njoin_management_url=" + managementUrl + "\n");
    }
}
