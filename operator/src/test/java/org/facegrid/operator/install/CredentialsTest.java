package org.facegrid.operator.install;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialsTest {
    @TempDir
    Path dir;

    @Test
    void theFirstStartMakesRandomCredentialsReadableByTheOwnerOnly() throws Exception {
        Path file = dir.resolve("credentials");
        Credentials made = Credentials.readOrCreate(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(made, Credentials.readOrCreate(file), "a second start keeps them");
        assertNotEquals(made.adminPassword(), made.joinPassword());
        assertTrue(made.apiPassword().matches("[A-Za-z0-9]{20}#7a"), made.apiPassword());
        assertEquals("admin:" + made.apiPassword(), made.apiUserAndPassword());
    }

    /** Installations from before the API had users: the file gains an API admin and keeps the rest. */
    @Test
    void anOlderFileGainsTheApiAdmin() throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(file, "ADMIN_USER=facegrid-admin\nADMIN_PASSWORD=old#7a\nJOIN_USER=facegrid-join\nJOIN_PASSWORD=j#7a\n");
        Credentials completed = Credentials.readOrCreate(file);
        assertEquals("old#7a", completed.adminPassword());
        assertEquals("admin", completed.apiUser());
        assertEquals(completed, Credentials.read(file));
    }

    /** The file is data: a line that would be a shell command is only a value. */
    @Test
    void theFileIsReadAsData() throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(file, "API_USER=admin\nAPI_PASSWORD=$(touch " + dir.resolve("ran") + ")\n");
        assertEquals("$(touch " + dir.resolve("ran") + ")", Credentials.read(file).apiPassword());
        assertTrue(Files.notExists(dir.resolve("ran")));
    }

    @Test
    void apiUsersAreWrittenAsWildFlysAddUserWritesThem() throws Exception {
        ApiUsers.put(dir, "admin", "s3cret#7a", "admin");
        ApiUsers.put(dir, "viewer", "other", "viewer");
        ApiUsers.put(dir, "admin", "s3cret#7a", "operator");
        // HEX(MD5("admin:ApplicationRealm:s3cret#7a")), computed apart from this code
        assertTrue(Files.readAllLines(dir.resolve("application-users.properties")).contains("admin=f2030a1f4884b16bb27d890db5f9905a"),
                Files.readString(dir.resolve("application-users.properties")));
        assertEquals("viewer=viewer\nadmin=operator\n", Files.readString(dir.resolve("application-roles.properties")),
                "a user set again replaces its line");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("application-users.properties"))));
    }
}
