package org.facegrid.cluster;

import org.jboss.msc.Service;
import org.jboss.msc.service.ServiceController;
import org.jboss.msc.service.ServiceName;
import org.jboss.msc.service.StartContext;
import org.jboss.msc.service.StopContext;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.singleton.election.SingletonElectionPolicy;
import org.wildfly.clustering.singleton.service.SingletonServiceActivator;
import org.wildfly.clustering.singleton.service.SingletonServiceActivatorContext;
import org.wildfly.clustering.singleton.service.SingletonServiceController;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The primary role: a WildFly singleton service under the {@value #POLICY} singleton policy, so exactly one
 * node of the cluster holds it and it moves when that node dies. The service itself only records where it
 * runs; the work the primary does asks {@link #isLocal()}.
 *
 * <p>Installed by WildFly through {@code META-INF/services/org.jboss.msc.service.ServiceActivator}.
 */
public class PrimaryRole implements SingletonServiceActivator {
    public static final String POLICY = "facegrid-primary";
    private static final Logger LOG = Logger.getLogger(PrimaryRole.class.getName());
    static final ServiceName SERVICE_NAME = ServiceName.of("org", "facegrid", "primary-role");

    private static volatile boolean local;
    private static volatile SingletonServiceController<?> controller;
    private static volatile SingletonServiceActivatorContext activation;

    /** Nodes that may never hold the role: simple nodes, which hold no data ({@link #excludeFromElection}). */
    private static volatile Set<String> excluded = Set.of();

    /**
     * Elects the preferred node ({@link PrimaryPreference}) when it is a candidate, else the oldest member (the
     * candidates come in view order), never a simple node: with only simple nodes left nobody holds the role
     * until a data node is back. Runs on the node that coordinates the election each time the candidates change,
     * so a preference set later, or a preferred node that returns, takes effect at the next election.
     */
    static final SingletonElectionPolicy ELECTION = candidates -> elect(candidates, excluded);

    static GroupMember elect(List<GroupMember> candidates, Set<String> notEligible) {
        String preferred = PrimaryPreference.current();
        List<GroupMember> eligible = candidates.stream()
                .filter(m -> notEligible.stream().noneMatch(node -> PrimaryPreference.isNode(m.getName(), node))).toList();
        GroupMember elected = eligible.stream().filter(m -> PrimaryPreference.isNode(m.getName(), preferred))
                .findFirst().orElse(eligible.isEmpty() ? null : eligible.get(0));
        LOG.info(() -> "FGCLU045: primary role election among " + candidates.stream().map(GroupMember::getName).toList()
                + " (preferred " + preferred + ", never " + notEligible + "): "
                + (elected == null ? "nobody" : elected.getName()));
        return elected;
    }

    /**
     * The nodes an election passes over: the simple nodes of the node records (refreshed by {@link
     * ClusterMembership} every few seconds), and this node itself when it is simple, known before any record.
     */
    static void excludeFromElection(Set<String> simpleNodes) {
        Set<String> all = new java.util.TreeSet<>(simpleNodes);
        NodeIdentity self = NodeIdentity.fromSystemProperties();
        if (NodeIdentity.SIMPLE.equals(self.dataRole())) {
            all.add(self.name());
        }
        excluded = Set.copyOf(all);
    }

    @Override
    public String getSingletonPolicy() {
        return POLICY;
    }

    @Override
    public void activate(SingletonServiceActivatorContext context) {
        excludeFromElection(excluded);
        activation = context;
        install();
    }

    private static void install() {
        controller = activation.getServiceTarget().addService(SERVICE_NAME)
                .withElectionPolicy(ELECTION)
                .setInstance(new Service() {
                    @Override
                    public void start(StartContext startContext) {
                        local = true;
                    }

                    @Override
                    public void stop(StopContext stopContext) {
                        local = false;
                    }
                })
                .install();
    }

    /**
     * Removes the singleton service and waits until it is gone. Called when the application stops: the
     * service's cluster registration is closed asynchronously, and a redeployment that starts before it is
     * closed fails ("service org.facegrid.primary-role" already registered).
     */
    static synchronized void release(Duration timeout) {
        remove(timeout);
        activation = null;
    }

    /**
     * Gives the role up and stands again as a candidate: the candidates change twice, and each election picks the
     * preferred node when it is one. How {@code facegrid primary --move-to} hands the role over in seconds.
     */
    static synchronized void standAgain(Duration timeout) {
        if (activation == null) {
            return;
        }
        remove(timeout);
        install();
    }

    private static void remove(Duration timeout) {
        SingletonServiceController<?> current = controller;
        if (current == null) {
            return;
        }
        controller = null;
        current.setMode(ServiceController.Mode.REMOVE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (current.getState() != ServiceController.State.REMOVED && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        local = false;
    }

    /** Whether this node holds the primary role now. */
    public static boolean isLocal() {
        return local;
    }

    /** The cluster member name of the node holding the primary role, if one is elected. */
    public static Optional<String> holder() {
        SingletonServiceController<?> current = controller;
        if (current == null) {
            return Optional.empty();
        }
        try {
            return current.getSingletonState().getPrimaryProvider().map(GroupMember::getName);
        } catch (RuntimeException e) {
            // The service is being removed (undeploy, shutdown): no answer is the honest one.
            LOG.log(Level.WARNING, "cannot tell which node holds the primary role", e);
            return Optional.empty();
        }
    }
}
