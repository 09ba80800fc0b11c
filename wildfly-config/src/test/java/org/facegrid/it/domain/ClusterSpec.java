package org.facegrid.it.domain;

import java.util.List;

/**
 * A cluster the test classes can share: its name (its base dir under target/cluster-it), its port offset (host i
 * adds (i-1)*100, so two specs never share a port) and the operator command that starts it.
 */
enum ClusterSpec {
    /**
     * node1 (domain controller) and node2 hold data, node3 is compute-only: the cluster most scenarios share.
     * Classes leave it as they found it (data they wrote aside): every node up, local storage, copies=1.
     */
    THREE_HOSTS("three-hosts", 1000, 3, List.of("cluster-demo", "3", "--simple", "3"), null),
    /**
     * The same layout for scenarios that change the cluster for good: a restore replaces every person, a wipe
     * deletes every data dir, retention removes every old event, a migration leaves it in shared mode. Their
     * classes run after every THREE_HOSTS class ({@link ClusterClassOrder}), so they take that cluster over once
     * nothing else will use it (saving a start); run alone, they start one of their own.
     */
    THREE_HOSTS_DESTRUCTIVE("three-hosts-destructive", 3000, 3, List.of("cluster-demo", "3", "--simple", "3"),
            THREE_HOSTS);

    final String dirName;
    final int portOffset;
    final int hosts;
    final List<String> startCommand;
    /** A running cluster of this spec that classes of this one may take over for good; null for none. */
    final ClusterSpec takesOver;

    ClusterSpec(String dirName, int portOffset, int hosts, List<String> startCommand, ClusterSpec takesOver) {
        this.dirName = dirName;
        this.portOffset = portOffset;
        this.hosts = hosts;
        this.startCommand = startCommand;
        this.takesOver = takesOver;
    }
}
