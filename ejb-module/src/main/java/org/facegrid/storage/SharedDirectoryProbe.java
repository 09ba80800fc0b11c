package org.facegrid.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.cluster.ClusterView;
import org.facegrid.cluster.NodeRecord;
import org.facegrid.cluster.NodeRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether a directory is one that every node of the cluster can write and all see alike, before a migration
 * makes it the cluster's storage: each node in the view writes a probe file into it (through
 * {@code /internal/storage-probe}), then this node looks for every probe. A node that cannot write it, or writes
 * to a directory this node does not see (a path that is not actually shared), is named.
 */
@ApplicationScoped
public class SharedDirectoryProbe {
    public static final String PATH = "/internal/storage-probe";
    private static final String PREFIX = ".facegrid-probe-";

    @Inject
    NodeRegistry registry;

    @Inject
    ClusterView view;

    @Inject
    ObjectPeers peers;

    /** What is wrong with {@code dir} as the cluster's shared directory; empty when nothing is. */
    public List<String> problems(Path dir) {
        List<String> problems = new ArrayList<>();
        if (!dir.isAbsolute()) {
            return List.of(dir + " is not an absolute path");
        }
        String token = UUID.randomUUID().toString();
        String self = registry.identity().name();
        List<String> wrote = new ArrayList<>();
        for (NodeRecord node : registry.nodeRecords()) {
            if (!view.inView(node.memberName())) {
                continue; // down: it finds the shared mode when it returns, and its readiness says if it cannot
            }
            Optional<String> problem = node.name().equals(self) ? writeProbe(dir, self, token)
                    : peers.probe(node.url(), dir, token);
            problem.ifPresentOrElse(p -> problems.add(node.name() + ": " + p), () -> wrote.add(node.name()));
        }
        for (String node : wrote) {
            Path probe = dir.resolve(PREFIX + node + "-" + token);
            if (!Files.isRegularFile(probe)) {
                problems.add(node + ": wrote into its own " + dir + ", which is not the directory " + self
                        + " sees (not shared)");
            }
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                problems.add(self + ": cannot remove " + probe + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** This node's part: writes its probe file; the problem when it cannot. */
    public Optional<String> writeProbe(Path dir, String node, String token) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(PREFIX + node + "-" + token), node);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot write " + dir + ": " + e);
        }
    }
}
