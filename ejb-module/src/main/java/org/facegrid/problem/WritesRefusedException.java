package org.facegrid.problem;

import java.util.List;
import java.util.Map;

/**
 * This side of the cluster may not write now (no primary: the first node of a two-node cluster is away, or this
 * side holds no majority of the data nodes). Reads and recognition go on; a 503 the caller may retry, or send to
 * a node that can write.
 */
public class WritesRefusedException extends ProblemException {
    public WritesRefusedException(String reason) {
        super("writes_refused", "this node cannot accept writes now: " + reason, List.of(Map.of("reason", reason)));
    }
}
