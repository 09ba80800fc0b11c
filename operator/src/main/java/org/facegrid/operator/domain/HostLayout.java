package org.facegrid.operator.domain;

import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.install.ApiUsers;
import org.facegrid.operator.install.Credentials;
import org.facegrid.operator.install.Installation;
import org.facegrid.operator.management.HostConfiguration;
import org.facegrid.operator.management.ManagementAddress;
import org.facegrid.operator.management.OfflineCli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * A host's base dir, laid out the first time from the provisioned WildFly (every host starts from
 * host-primary.xml, the only template that can be edited offline): configuration copied, the host named, and a
 * secondary told how to join. Data, logs and configuration then stay in it across stops.
 */
public class HostLayout {
    private static final List<String> TEMPLATES = List.of("logging.properties", "default-server-logging.properties",
            "mgmt-users.properties", "mgmt-groups.properties", "application-users.properties",
            "application-roles.properties", "domain.xml");
    private final Installation installation;

    public HostLayout(Installation installation) {
        this.installation = installation;
    }

    public boolean laidOut(int host) {
        return Files.isRegularFile(configuration(host).resolve("host-facegrid.xml"));
    }

    /** Lays host i out unless it is; a secondary joins {@code controller} as the credentials' join user. */
    public void layOut(int host, ManagementAddress controller, Credentials credentials) {
        if (laidOut(host)) {
            return;
        }
        Path dir = installation.hostDir(host);
        Path source = installation.wildflyHome().resolve("domain/configuration");
        try {
            for (String sub : List.of("configuration", "data", "log", "tmp")) {
                Files.createDirectories(dir.resolve(sub));
            }
            for (String file : TEMPLATES) {
                Files.copy(source.resolve(file), configuration(host).resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.copy(source.resolve("host-primary.xml"), configuration(host).resolve("host-facegrid.xml"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw CommandFailure.failed("cannot lay out " + dir + ": " + e.getMessage());
        }
        Map<String, String> placeholders = Map.of("HOST", "node" + host, "DC_ADDRESS", controller.host(),
                "DC_PORT", String.valueOf(controller.port()), "JOIN_USER", credentials.joinUser(),
                "JOIN_PASSWORD", credentials.joinPassword());
        List<Path> scripts = host == 1 ? List.of(cli("facegrid-host-name.cli"))
                : List.of(cli("facegrid-host-name.cli"), cli("facegrid-host-secondary.cli"));
        // the new host name takes effect at the next boot, so a secondary's join runs in a session of its own
        for (Path script : scripts) {
            new OfflineCli(installation.wildflyHome()).run(dir, "laying out host node" + host, List.of(script), placeholders);
        }
    }

    /**
     * The domain controller's host, offline, before it boots: its management users, the domain-wide scripts and
     * the deployment of the current EAR.
     */
    public void configureController(Credentials credentials) {
        ApiUsers.putManagementUser(configuration(1), credentials.adminUser(), credentials.adminPassword());
        ApiUsers.putManagementUser(configuration(1), credentials.joinUser(), credentials.joinPassword());
        new OfflineCli(installation.wildflyHome()).run(installation.hostDir(1), "configuring the domain controller",
                List.of(cli("facegrid-domain.cli"), cli("facegrid-profile.cli"), cli("facegrid-deploy.cli")),
                Map.of("EAR", installation.ear().toString()));
    }

    /** Every host's application realm knows the API admin (each host reads its own configuration directory). */
    public void addApiAdmin(int host, Credentials credentials) {
        ApiUsers.put(configuration(host), credentials.apiUser(), credentials.apiPassword(), "admin");
    }

    /** Host i's server settings; {@code clusterHosts} is the cluster's TCPPING list with host i in it. */
    public HostConfiguration settings(int host, String dataRole, String clusterHosts) {
        return new HostConfiguration("node" + host, installation.hostOffset(host), installation.nodeUrl(host), dataRole,
                clusterHosts, installation.bindAddress());
    }

    public Path configuration(int host) {
        return installation.hostDir(host).resolve("configuration");
    }

    private Path cli(String name) {
        return installation.cliDir().resolve(name);
    }
}
