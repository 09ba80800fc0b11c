package org.facegrid.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Whether a side of the cluster may write (docs/cluster.md "Who may write"): with one data node it always may; with
 * two, only the side that holds the first node (the preferred primary), so a lone secondary keeps serving
 * reads and recognition but never diverges from the primary; with three or more, only a side that holds a
 * majority of the data nodes. Data nodes are those recorded in the node registry (down ones included), so a
 * node that dies still counts until it leaves the cluster cleanly.
 */
public final class WriteQuorum {
    /**
     * The answer, and why not when writes are not taken now; {@code waits}: a write sent now is not refused at
     * once but waits (up to {@value WriteGuard#MERGE_WAIT_MS} ms) for what the reason names to end.
     */
    public record Decision(boolean writable, boolean waits, String reason) {
        public Decision(boolean writable, String reason) {
            this(writable, false, reason);
        }
    }

    private WriteQuorum() {
    }

    /** Two data nodes are recorded and exactly one of them is in the view: the case Infinispan degrades. */
    public static boolean oneOfTwoDataNodesAway(List<NodeRecord> records, Set<String> view) {
        List<NodeRecord> data = dataNodes(records);
        return data.size() == 2 && present(data, view) == 1;
    }

    /** The nodes that hold data (simple nodes hold none), by name. */
    private static List<NodeRecord> dataNodes(List<NodeRecord> records) {
        return records.stream().filter(r -> !NodeIdentity.SIMPLE.equals(r.dataRole()))
                .sorted(Comparator.comparing(NodeRecord::name)).toList();
    }

    private static long present(List<NodeRecord> data, Set<String> view) {
        return data.stream().filter(r -> view.contains(r.memberName())).count();
    }

    /**
     * @param records   every node's record (simple nodes are ignored: they hold no data)
     * @param view      the member names in this side's cluster view
     * @param preferred the name of the preferred primary (the first node installed)
     */
    public static Decision decide(List<NodeRecord> records, Set<String> view, String preferred) {
        List<NodeRecord> data = dataNodes(records);
        long present = present(data, view);
        if (data.size() <= 1) {
            return new Decision(true, null);
        }
        if (data.size() == 2) {
            NodeRecord first = data.stream().filter(r -> r.name().equals(preferred)).findFirst().orElse(data.get(0));
            return view.contains(first.memberName()) ? new Decision(true, null)
                    : new Decision(false, "the primary " + first.name() + " is down and a two-node cluster elects no "
                    + "other: recognition and reads go on here, writes wait until " + first.name() + " is back");
        }
        return present * 2 > data.size() ? new Decision(true, null)
                : new Decision(false, "this side holds " + present + " of the " + data.size() + " data nodes, not a "
                + "majority: writes wait until the cluster is whole again (reads and recognition go on)");
    }
}
