package org.facegrid.operator.install;

import org.facegrid.operator.CommandFailure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The API's users in a WildFly configuration directory's application realm files, as WildFly's add-user writes
 * them: application-users.properties keeps HEX(MD5(user:ApplicationRealm:password)), application-roles.properties
 * the user's role. Elytron reads both on every server of the host. Management users live in mgmt-users.properties
 * the same way.
 */
public final class ApiUsers {
    public static final Set<String> ROLES = Set.of("admin", "operator", "viewer");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private ApiUsers() {
    }

    /** Adds the user or replaces its password and role. */
    public static void put(Path configurationDir, String user, String password, String role) {
        check(user, role);
        if (password.isEmpty()) {
            throw CommandFailure.usage("the password is empty");
        }
        replaceLine(configurationDir.resolve("application-users.properties"), user, hash(user, "ApplicationRealm", password));
        replaceLine(configurationDir.resolve("application-roles.properties"), user, role);
    }

    /** A usage failure unless the name and role are ones the realm files can hold. */
    public static void check(String user, String role) {
        if (!ROLES.contains(role)) {
            throw CommandFailure.usage("the role must be admin, operator or viewer, not '" + role + "'");
        }
        if (!NAME.matcher(user).matches()) {
            throw CommandFailure.usage("user names are letters, digits, '.', '_' and '-', not '" + user + "'");
        }
    }

    /**
     * A management user of a host (the domain controller's admin and join users), as add-user.sh -dc writes it,
     * without putting the password on a command line.
     */
    public static void putManagementUser(Path configurationDir, String user, String password) {
        replaceLine(configurationDir.resolve("mgmt-users.properties"), user, hash(user, "ManagementRealm", password));
    }

    static String hash(String user, String realm, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest((user + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void replaceLine(Path file, String user, String value) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            String kept = lines.stream().filter(line -> !line.startsWith(user + "="))
                    .map(line -> line + "\n").collect(Collectors.joining());
            SecretFiles.write(file, kept + user + "=" + value + "\n");
        } catch (IOException e) {
            throw Installation.unchecked("cannot update " + file, e);
        }
    }
}
