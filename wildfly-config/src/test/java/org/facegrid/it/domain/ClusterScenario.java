package org.facegrid.it.domain;

import org.facegrid.it.Http;

/** A test class of a shared cluster: the {@link Cluster} its extension gives it, its nodes and its command. */
abstract class ClusterScenario {
    protected final Cluster cluster;
    protected final FacegridCommand facegrid;

    ClusterScenario(Cluster cluster) {
        this.cluster = cluster;
        this.facegrid = cluster.command();
    }

    /** Host i's API, as the admin. */
    protected Http node(int host) {
        return cluster.node(host);
    }
}
