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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

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

    /** The data role of each recorded member ({@link #learnDataRoles}): the election ranks candidates by it. */
    private static volatile Map<String, String> dataRoles = Map.of();

    /**
     * The election, run on the node that coordinates it each time the candidates change: never a simple node (it
     * holds no data); among the redundant nodes the preferred one ({@link PrimaryPreference}) when it is a
     * candidate, else the oldest (candidates come in view order); a data-only node only when no redundant node is
     * a candidate. The primary balances recognition traffic and will assign feeds, and a data-only node takes no
     * traffic, so it holds the role only to keep the primary's other duties (health checks of the nodes,
     * scheduled jobs) going until a redundant node is back. With only simple nodes left nobody holds the role.
     * A data node becomes a candidate only once it is healthy and its caches have settled ({@link #stand}), so
     * a returning preferred node takes the role back at that point, not while it starts.
     */
    static final SingletonElectionPolicy ELECTION = candidates -> elect(candidates, dataRoles);

    static GroupMember elect(List<GroupMember> candidates, Map<String, String> roles) {
        String preferred = PrimaryPreference.current();
        List<GroupMember> redundant = candidates.stream().filter(m -> hasRole(m, roles, NodeIdentity.REDUNDANT)).toList();
        List<GroupMember> dataOnly = candidates.stream().filter(m -> hasRole(m, roles, NodeIdentity.DATA_ONLY)).toList();
        GroupMember elected = redundant.stream().filter(m -> PrimaryPreference.isNode(m.getName(), preferred))
                .findFirst().orElse(!redundant.isEmpty() ? redundant.get(0) : dataOnly.isEmpty() ? null : dataOnly.get(0));
        LOG.info(() -> "FGCLU045: primary role election among " + candidates.stream().map(m -> m.getName() + " ("
                + roleOf(m, roles) + ")").toList() + ", preferred " + preferred + ": "
                + (elected == null ? "nobody" : elected.getName()));
        return elected;
    }

    private static boolean hasRole(GroupMember member, Map<String, String> roles, String role) {
        return role.equals(roleOf(member, roles));
    }

    /** A member whose record is not read yet counts as simple: it is passed over until its role is known. */
    private static String roleOf(GroupMember member, Map<String, String> roles) {
        return roles.getOrDefault(member.getName(), NodeIdentity.SIMPLE);
    }

    /**
     * The data roles the election ranks by, by cluster member name: those of the node records (refreshed by
     * {@link PrimaryHandover} every second from {@link WriteGuard#records}, at most 2 s old; a node's record is
     * written when it starts, long before it stands).
     */
    static void learnDataRoles(Map<String, String> byMemberName) {
        dataRoles = Map.copyOf(byMemberName);
    }

    @Override
    public String getSingletonPolicy() {
        return POLICY;
    }

    @Override
    public void activate(SingletonServiceActivatorContext context) {
        activation = context;
        if (NodeIdentity.SIMPLE.equals(NodeIdentity.fromSystemProperties().dataRole())) {
            install(); // never elected, but registered, so it learns who the primary is
        }
    }

    /**
     * Stands for the role (becomes a candidate), once: a data node calls this when it is healthy and settled
     * ({@link PrimaryHandover}), so the election never picks a node that is still starting or catching up.
     */
    static synchronized void stand() {
        if (activation == null || controller != null) {
            return;
        }
        LOG.info(() -> "FGCLU046: " + NodeIdentity.fromSystemProperties().name() + " is healthy and settled and stands "
                + "for the primary role");
        install();
    }

    /** Whether this node is a candidate for the role now. */
    static boolean standing() {
        return controller != null;
    }

    /** The member names of the candidates this node sees (empty while it does not stand itself). */
    static Set<String> candidates() {
        SingletonServiceController<?> current = controller;
        if (current == null) {
            return Set.of();
        }
        try {
            return current.getSingletonState().getProviders().stream().map(GroupMember::getName)
                    .collect(Collectors.toSet());
        } catch (RuntimeException e) {
            return Set.of(); // being removed
        }
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
        if (activation == null || controller == null) {
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
