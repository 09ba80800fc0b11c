package org.facegrid.operator.install;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The installation's credentials file (mode 600): the management admin (console, jboss-cli), the join user
 * secondary hosts authenticate with, and the API's admin. Read as data, never executed.
 */
public record Credentials(String adminUser, String adminPassword, String joinUser, String joinPassword,
                          String apiUser, String apiPassword) {

    public static boolean exist(Path file) {
        return Files.isRegularFile(file);
    }

    public static Credentials read(Path file) {
        Properties values = PropertiesFile.read(file).orElseGet(Properties::new);
        return new Credentials(values.getProperty("ADMIN_USER", ""), values.getProperty("ADMIN_PASSWORD", ""),
                values.getProperty("JOIN_USER", ""), values.getProperty("JOIN_PASSWORD", ""),
                values.getProperty("API_USER", ""), values.getProperty("API_PASSWORD", ""));
    }

    /** This installation's credentials, made at the first start (and the API user added to older files). */
    public static Credentials readOrCreate(Path file) {
        if (exist(file)) {
            Credentials existing = read(file);
            if (!existing.apiUser().isEmpty()) {
                return existing;
            }
            Credentials completed = new Credentials(existing.adminUser(), existing.adminPassword(), existing.joinUser(),
                    existing.joinPassword(), "admin", SecretFiles.randomPassword());
            completed.write(file);
            return completed;
        }
        Credentials made = new Credentials("facegrid-admin", SecretFiles.randomPassword(), "facegrid-join",
                SecretFiles.randomPassword(), "admin", SecretFiles.randomPassword());
        made.write(file);
        return made;
    }

    public void write(Path file) {
        SecretFiles.write(file, """
                # FaceGrid credentials for this installation (read by bin/facegrid; keep this file mode 600).
                # ADMIN: the WildFly management console and jboss-cli of the domain controller.
                # JOIN: what secondary hosts use to join the domain controller.
                # API: the REST API's admin user (HTTP Basic); 'facegrid credentials' prints it as user:password.
                ADMIN_USER=%s
                ADMIN_PASSWORD=%s
                JOIN_USER=%s
                JOIN_PASSWORD=%s
                API_USER=%s
                API_PASSWORD=%s
                """.formatted(adminUser, adminPassword, joinUser, joinPassword, apiUser, apiPassword));
    }

    /** user:password of the API admin, as curl -u takes it. */
    public String apiUserAndPassword() {
        return apiUser + ":" + apiPassword;
    }

    @Override
    public String toString() {
        return "Credentials[" + adminUser + ", " + joinUser + ", " + apiUser + "]"; // never the passwords
    }
}
