package org.facegrid.it.domain;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

import java.nio.file.Path;

/**
 * Owns the shared clusters of the domain tests. A class annotated {@link UsesCluster} gets its cluster started
 * once for every class that names it (kept in the root store, so it outlives the class); at most one runs at a
 * time: asking for another stops the one running (classes are grouped by {@link ClusterClassOrder}, so each
 * starts once); a spec may take over the running cluster of the spec before it ({@link ClusterSpec#takesOver}).
 * Before each class every node is awaited ready (a class before may have killed one; one that stopped the
 * cluster has it started again). A failed
 * test gets the servers' logs copied next to the failsafe reports. The last cluster stops when the run ends.
 */
public class ClusterExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClusterExtension.class);
    private static final String RUNNING = "running";

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context).ensureRunning();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Cluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Path to = Path.of(System.getProperty("facegrid.test.var", "target/cluster-it")).resolveSibling("failsafe-reports")
                .resolve("cluster-logs").resolve(context.getRequiredTestClass().getSimpleName() + "."
                        + context.getRequiredTestMethod().getName());
        Path copied = cluster(context).collectLogs(to);
        System.out.println("cluster logs of the failed test " + context.getDisplayName() + ": " + copied);
    }

    /** The running cluster of the class's spec; started (and any other stopped) when it is not the one running. */
    private static Cluster cluster(ExtensionContext context) {
        ClusterSpec spec = context.getRequiredTestClass().getAnnotation(UsesCluster.class).value();
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        synchronized (ClusterExtension.class) {
            Cluster running = root.get(RUNNING, Cluster.class);
            if (running != null && running.spec() == spec) {
                return running;
            }
            if (running != null && running.spec() == spec.takesOver) {
                // the classes of running.spec are done (they are ordered first): nothing will use it unchanged again
                Cluster takenOver = running.takenOverAs(spec);
                root.put(RUNNING, takenOver);
                return takenOver;
            }
            if (running != null) {
                root.remove(RUNNING, Cluster.class).close();
            }
            Cluster started = Cluster.start(spec);
            root.put(RUNNING, started); // closed (stopped) by JUnit when the whole run ends
            return started;
        }
    }
}
