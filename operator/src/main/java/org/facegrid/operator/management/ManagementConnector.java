package org.facegrid.operator.management;

/** Opens management connections; the real one speaks remote+http(s), tests hand out fakes. */
public interface ManagementConnector {
    Management connect(ManagementAddress address, String user, String password);
}
