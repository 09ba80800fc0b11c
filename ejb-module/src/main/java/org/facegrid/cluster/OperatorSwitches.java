package org.facegrid.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.problem.ConflictException;
import org.facegrid.problem.NotFoundException;
import org.facegrid.store.CacheOf;
import org.facegrid.store.DataCache;
import org.infinispan.Cache;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * What operators switch for the whole cluster, kept in the cluster-wide settings: each node's place in rotation
 * ({@code facegrid server-status}), the load balancing mode, where the primary role goes, and forgetting a node
 * that left.
 */
@ApplicationScoped
public class OperatorSwitches {
    private static final Logger LOG = Logger.getLogger(OperatorSwitches.class.getName());
    /** {@value}NAME = "true": the node is out of rotation. */
    static final String DISABLED_PREFIX = "rotation.disabled.";

    @Inject
    @CacheOf(DataCache.SETTINGS)
    private Cache<String, String> settings;

    @Inject
    @CacheOf(DataCache.NODE_HEALTH)
    private Cache<String, byte[]> nodeHealth;

    @Inject
    NodeRegistry registry;

    @Inject
    WriteGuard writes;

    /** Whether operators leave the node in rotation; true unless disabled. */
    public boolean isEnabled(String node) {
        return !"true".equals(settings.get(DISABLED_PREFIX + node));
    }

    /**
     * Puts a node into rotation or takes it out. Its readiness follows at once (external balancers see it
     * DOWN), and the primary's balancer stops sending to it. Taking out the last enabled node of the cluster
     * needs {@code force}: nothing would be left to answer.
     *
     * @throws NotFoundException no such node
     * @throws ConflictException the last enabled node, without force
     */
    public void setEnabled(String node, boolean enabled, boolean force) {
        writes.ensureWritable();
        List<NodeRecord> records = registry.nodeRecords();
        if (records.stream().noneMatch(r -> r.name().equals(node))) {
            throw new NotFoundException("node", node);
        }
        if (!enabled && !force && records.stream().noneMatch(r -> !r.name().equals(node) && isEnabled(r.name()))) {
            throw new ConflictException("last_enabled_node", "'" + node + "' is the last node in rotation; taking it "
                    + "out leaves nothing to answer requests. Send force=true (facegrid server-status --force) to do "
                    + "it anyway", Map.of("node", node));
        }
        if (enabled) {
            settings.remove(DISABLED_PREFIX + node);
        } else {
            settings.put(DISABLED_PREFIX + node, "true");
        }
        LOG.info(() -> (enabled ? "FGCLU020: node " + node + " enabled by an operator (back into rotation)"
                : "FGCLU021: node " + node + " disabled by an operator (out of rotation)"));
    }

    /**
     * Forgets a node that left ({@code facegrid leave}): its status record, health checks and rotation switch.
     * It no longer counts among the data nodes when writes are decided.
     *
     * @throws NotFoundException no such node
     * @throws ConflictException the node is still in the cluster
     */
    public void forget(String node) {
        writes.ensureWritable();
        if (writes.view().contains(registry.recordOf(node).memberName())) {
            throw new ConflictException("node_running", "'" + node + "' is still in the cluster; stop it first "
                    + "(facegrid leave does both)", Map.of("node", node));
        }
        registry.remove(node);
        nodeHealth.remove(node);
        settings.remove(DISABLED_PREFIX + node);
        LOG.info(() -> "FGCLU044: node " + node + " left the cluster and is forgotten");
    }

    /** The cluster's load balancing mode; the default while the settings cannot be read. */
    public BalancerMode balancerMode() {
        try {
            return BalancerMode.parse(settings.get(BalancerMode.SETTING)).orElse(BalancerMode.DEFAULT);
        } catch (RuntimeException unreadable) { // a minority partition refuses reads
            return BalancerMode.DEFAULT;
        }
    }

    public void setBalancerMode(BalancerMode mode) {
        writes.ensureWritable();
        settings.put(BalancerMode.SETTING, mode.label());
        LOG.info(() -> "FGCLU043: load balancing mode set to " + mode.label());
    }

    /**
     * Hands the primary role to a redundant node in the view: records the choice as the cluster's preference (kept
     * until moved again; it also makes that node "the first" of a two-node cluster), and the current primary
     * stands down within a second or two ({@link PrimaryHandover}).
     *
     * @throws NotFoundException no such node
     * @throws ConflictException a simple node (it holds no data), a data-only node (it takes no traffic), or a node
     *                           that is not in the cluster now
     */
    public void movePrimary(String node) {
        writes.ensureWritable();
        NodeRecord target = registry.recordOf(node);
        if (NodeIdentity.SIMPLE.equals(target.dataRole())) {
            throw new ConflictException("not_a_data_node", "'" + node + "' is a simple node: it holds no data and "
                    + "cannot be primary; choose a redundant node", Map.of("node", node));
        }
        if (NodeIdentity.DATA_ONLY.equals(target.dataRole())) {
            throw new ConflictException("takes_no_traffic", "'" + node + "' is a data-only node: it takes no client "
                    + "traffic, so it cannot balance recognitions as the primary does; choose a redundant node",
                    Map.of("node", node));
        }
        if (!writes.view().contains(target.memberName())) {
            throw new ConflictException("node_down", "'" + node + "' is not in the cluster now; the primary role "
                    + "can only move to a running node", Map.of("node", node));
        }
        settings.put(PrimaryPreference.SETTING, node);
        PrimaryPreference.set(node);
        LOG.info(() -> "FGCLU041: an operator moves the primary role to " + node);
    }

    /** Reads the preferred primary into this node's election policy. */
    void loadPrimaryPreference() {
        PrimaryPreference.refresh(settings);
    }
}
