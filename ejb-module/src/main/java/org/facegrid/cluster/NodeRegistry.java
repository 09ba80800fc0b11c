package org.facegrid.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.problem.NotFoundException;
import org.facegrid.store.CacheOf;
import org.facegrid.store.DataCache;
import org.facegrid.store.ProtoCodec;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;

import java.util.List;

/**
 * The {@code nodes} cache: each node's own status report (name, URL, data role, cluster member name, version,
 * when it started and last reported), written by the node itself and read by every node, down nodes included.
 */
@ApplicationScoped
public class NodeRegistry {
    @Inject
    @CacheOf(DataCache.NODES)
    private Cache<String, byte[]> nodes;

    private final NodeIdentity identity = NodeIdentity.fromSystemProperties();
    private final HealthPolicy policy = HealthPolicy.fromSystemProperties();
    private final String version = FacegridVersion.get();
    private final long startedAt = System.currentTimeMillis();

    public NodeIdentity identity() {
        return identity;
    }

    /** Writes this node's status report. */
    void register() {
        nodes.put(identity.name(), ProtoCodec.encode(ownRecord()));
    }

    /**
     * Writes the report again when it is missing or out of date (a partition merge kept the other side's data,
     * the member name or URL changed, or a report interval passed).
     */
    void refresh() {
        byte[] current = nodes.get(identity.name());
        NodeRecord own = ownRecord();
        NodeRecord recorded = current == null ? null : ProtoCodec.decode(current, NodeRecord.class);
        if (recorded == null || !own.memberName().equals(recorded.memberName()) || !own.url().equals(recorded.url())
                || own.reportedAt() - recorded.reportedAt() >= policy.reportEvery().toMillis()) {
            register();
        }
    }

    /** Every node's status report, as recorded (nodes that are down included). */
    public List<NodeRecord> nodeRecords() {
        return NodeRecord.readAll(nodes);
    }

    /** @throws NotFoundException no record of that node */
    public NodeRecord recordOf(String node) {
        return nodeRecords().stream().filter(r -> r.name().equals(node)).findFirst()
                .orElseThrow(() -> new NotFoundException("node", node));
    }

    void remove(String node) {
        nodes.remove(node);
    }

    NodeRecord ownRecord() {
        return new NodeRecord(identity.name(), identity.url(), identity.dataRole(),
                String.valueOf(cacheManager().getAddress()), startedAt, version, System.currentTimeMillis());
    }

    EmbeddedCacheManager cacheManager() {
        return nodes.getCacheManager();
    }
}
