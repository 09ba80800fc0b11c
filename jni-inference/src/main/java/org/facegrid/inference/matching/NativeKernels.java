package org.facegrid.inference.matching;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The native search kernels (libfacegrid_matcher.so, built by the build from src/main/c and packaged in the
 * jar). {@link #available()} is false when the library cannot be loaded (no gcc at build time, another
 * architecture, or {@code -Dfacegrid.matcher.native=false}); the Java kernels then do the same work.
 */
final class NativeKernels {
    private static final Logger LOG = Logger.getLogger(NativeKernels.class.getName());
    private static final String RESOURCE = "/native/linux-x86_64/libfacegrid_matcher.so";
    private static final String UNAVAILABLE_REASON;

    static {
        UNAVAILABLE_REASON = load();
        if (UNAVAILABLE_REASON != null) {
            LOG.log(Level.INFO, "native matcher unavailable ({0}); using the Java matcher", UNAVAILABLE_REASON);
        }
    }

    private NativeKernels() {
    }

    /** Null when loaded, else why not. */
    private static String load() {
        if (!Boolean.parseBoolean(System.getProperty("facegrid.matcher.native", "true"))) {
            return "disabled by facegrid.matcher.native=false";
        }
        if (!"amd64".equals(System.getProperty("os.arch")) || !System.getProperty("os.name").startsWith("Linux")) {
            return "built for Linux x86-64 only";
        }
        try (InputStream in = NativeKernels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "not packaged (the build found no gcc)";
            }
            Path file = Files.createTempFile("facegrid_matcher", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toAbsolutePath().toString());
            return null;
        } catch (IOException | UnsatisfiedLinkError e) {
            return e.toString();
        }
    }

    static boolean available() {
        return UNAVAILABLE_REASON == null;
    }

    static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    /** 0 scalar, 2 AVX2, 3 AVX-512: what the CPU offers (or the test limit). */
    static native int simdLevel();

    /** For tests: use at most this level. Returns the level now in use. */
    static native int limitSimdLevel(int max);

    /**
     * Scans slots [start, end) for nq queries (flattened, dim values each). For query j, writes up to k slots
     * and squared distances, ascending, at outSlots/outDistances[j * k ...] and how many at outFound[j].
     */
    static native void searchF32(float[] data, int start, int end, int dim, float[] queries, int nq, int k,
                                 int[] outSlots, float[] outDistances, int[] outFound);

    static native void searchI8(byte[] data, float[] scales, float[] norms, int start, int end, int dim,
                                byte[] queries, float[] queryScales, float[] queryNorms, int nq, int k,
                                int[] outSlots, float[] outDistances, int[] outFound);
}
