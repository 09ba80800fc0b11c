package org.facegrid.operator.management;

import org.jboss.dmr.ModelNode;

import java.time.Duration;

/**
 * One connection to a WildFly management interface (the domain controller's). Small on purpose: the command
 * speaks to the domain through {@link DomainController}, and the unit tests give it a fake of this.
 */
public interface Management extends AutoCloseable {

    /**
     * Runs one operation and returns its result; a failed outcome, a timeout or a lost connection is a
     * {@link ManagementException} saying which.
     */
    ModelNode execute(ModelNode operation, Duration timeout);

    @Override
    void close();
}
