package org.facegrid.inference.evaluation;

import java.util.Arrays;

/**
 * Verification figures from the distances of genuine pairs (same person) and impostor pairs: the true accept
 * rate at a given false accept rate, and the equal error rate.
 */
record VerificationCurve(double[] genuine, double[] impostor) {
    VerificationCurve {
        genuine = genuine.clone();
        impostor = impostor.clone();
        Arrays.sort(genuine);
        Arrays.sort(impostor);
    }

    /** TAR at the largest threshold whose FAR does not exceed {@code far} (pairs accepted when distance < t). */
    double tarAtFar(double far) {
        int allowed = (int) Math.floor(far * impostor.length);
        // accepting the `allowed` closest impostors: threshold just above impostor[allowed - 1], below impostor[allowed]
        double threshold = allowed < impostor.length ? impostor[allowed] : Double.POSITIVE_INFINITY;
        return fractionBelow(genuine, threshold);
    }

    /** The rate where false accepts equal false rejects, scanning every distance as a threshold. */
    double equalErrorRate() {
        double best = 1.0;
        double bestGap = Double.POSITIVE_INFINITY;
        for (double[] set : new double[][] {genuine, impostor}) {
            for (double t : set) {
                double far = fractionBelow(impostor, t);
                double frr = 1.0 - fractionBelow(genuine, t);
                double gap = Math.abs(far - frr);
                if (gap < bestGap) {
                    bestGap = gap;
                    best = (far + frr) / 2;
                }
            }
        }
        return best;
    }

    /** Share of values strictly below t. */
    private static double fractionBelow(double[] sorted, double t) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = Arrays.binarySearch(sorted, t);
        if (index < 0) {
            index = -index - 1;
        } else {
            while (index > 0 && sorted[index - 1] == t) {
                index--;
            }
        }
        return (double) index / sorted.length;
    }
}
