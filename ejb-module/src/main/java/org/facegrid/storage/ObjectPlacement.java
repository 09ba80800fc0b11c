package org.facegrid.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an object lives in local mode, decided from the key and the storage nodes alone (rendezvous hashing), so
 * every node computes the same answer without asking: the order is stable, and a node that joins or leaves moves
 * only the keys it wins or held.
 */
public final class ObjectPlacement {
    private ObjectPlacement() {
    }

    /** Every storage node, ordered by a hash of (node, key), highest first; ties by name. */
    public static List<String> rendezvous(String key, Collection<String> storageNodes) {
        Map<String, Long> scores = new HashMap<>();
        storageNodes.forEach(node -> scores.put(node, score(node, key))); // a digest each, not per comparison
        return scores.keySet().stream()
                .sorted(Comparator.comparing((String node) -> scores.get(node)).reversed().thenComparing(n -> n))
                .toList();
    }

    /**
     * The homes of a key: the writing node first when it stores data (what it receives stays there), then the
     * rendezvous order, until there are {@code copies} (at least one).
     */
    public static List<String> homes(List<String> order, int copies, String self, boolean selfStores) {
        List<String> homes = new ArrayList<>();
        if (selfStores) {
            homes.add(self);
        }
        for (String node : order) {
            if (homes.size() >= Math.max(1, copies)) {
                break;
            }
            if (!homes.contains(node)) {
                homes.add(node);
            }
        }
        return homes;
    }

    /** The next node up in the rendezvous order that is neither tried nor a home; null when none is left. */
    public static String standIn(List<String> order, Set<String> up, Set<String> tried, List<String> homes) {
        return order.stream().filter(up::contains).filter(n -> !tried.contains(n) && !homes.contains(n))
                .findFirst().orElse(null);
    }

    private static long score(String node, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((node + "\n" + key).getBytes(StandardCharsets.UTF_8));
            long score = 0;
            for (int i = 0; i < 8; i++) {
                score = score << 8 | (digest[i] & 0xff);
            }
            return score;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
