package org.facegrid.operator.install;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What runs from a base dir (its {@code domain.state}): hosts 1..N of this machine with their data roles, or
 * one host joined to another machine's domain controller. Written by start, cluster-demo and join; removed by
 * stop and leave.
 */
public record DomainState(int hosts, Set<Integer> simple, Set<Integer> dataOnly, int portOffset, String bindAddress,
                          String joined, String managementUrl) {

    public static DomainState ofHosts(int hosts, Set<Integer> simple, Set<Integer> dataOnly, Installation installation) {
        return new DomainState(hosts, Set.copyOf(simple), Set.copyOf(dataOnly), installation.portOffset(),
                installation.bindAddress(), null, null);
    }

    public static DomainState ofJoined(String name, String managementUrl, Installation installation) {
        return new DomainState(0, Set.of(), Set.of(), installation.portOffset(), installation.bindAddress(), name,
                managementUrl);
    }

    public static Optional<DomainState> read(Path file) {
        return PropertiesFile.read(file).map(DomainState::of);
    }

    private static DomainState of(Properties values) {
        String joined = values.getProperty("joined", "");
        return new DomainState(Integer.parseInt(values.getProperty("hosts", "0")),
                numbers(values.getProperty("simple", "")), numbers(values.getProperty("data_only", "")),
                Integer.parseInt(values.getProperty("port_offset", "0")), values.getProperty("bind_address", "127.0.0.1"),
                joined.isEmpty() ? null : joined, values.getProperty("management_url"));
    }

    public void write(Path file) {
        StringBuilder text = new StringBuilder("# what runs from this base dir (bin/facegrid)\n")
                .append("hosts=").append(hosts).append('\n')
                .append("simple=").append(list(simple)).append('\n')
                .append("data_only=").append(list(dataOnly)).append('\n')
                .append("port_offset=").append(portOffset).append('\n')
                .append("bind_address=").append(bindAddress).append('\n');
        if (joined != null) {
            text.append("joined=").append(joined).append('\n').append("management_url=").append(managementUrl).append('\n');
        }
        SecretFiles.write(file, text.toString());
    }

    public boolean isJoined() {
        return joined != null;
    }

    /** redundant, simple or data-only: the data role of host i. */
    public String roleOf(int host) {
        return simple.contains(host) ? "simple" : dataOnly.contains(host) ? "data-only" : "redundant";
    }

    /** A host list as the state file and cluster-demo's options write it: "2,3". */
    public static Set<Integer> numbers(String list) {
        if (list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).map(Integer::valueOf).collect(Collectors.toSet());
    }

    private static String list(Set<Integer> numbers) {
        return numbers.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }
}
