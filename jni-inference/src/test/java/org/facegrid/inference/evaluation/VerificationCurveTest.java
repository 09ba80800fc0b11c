package org.facegrid.inference.evaluation;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VerificationCurveTest {

    @Test
    void separatedDistributionsHaveFullTarAndNoEqualError() {
        double[] genuine = {0.2, 0.3, 0.35, 0.4};
        double[] impostor = IntStream.range(0, 1000).mapToDouble(i -> 0.7 + i * 0.0001).toArray();
        VerificationCurve curve = new VerificationCurve(genuine, impostor);
        assertEquals(1.0, curve.tarAtFar(0.01));
        assertEquals(1.0, curve.tarAtFar(0.001));
        assertEquals(0.0, curve.equalErrorRate());
    }

    @Test
    void overlapLowersTarAtStrictFarAndRaisesTheEqualErrorRate() {
        // 100 impostors at 0.50..0.99; genuine pairs at 0.30..0.69 (half of them above the closest impostors)
        double[] impostor = IntStream.range(0, 100).mapToDouble(i -> 0.50 + i * 0.005).toArray();
        double[] genuine = IntStream.range(0, 40).mapToDouble(i -> 0.30 + i * 0.01).toArray();
        VerificationCurve curve = new VerificationCurve(genuine, impostor);
        // FAR 1%: one impostor accepted, threshold at the second (0.505): genuine below it are 0.30..0.50
        assertEquals(21.0 / 40, curve.tarAtFar(0.01), 1e-9);
        // FAR 0.1% of 100 allows none: threshold at the closest impostor (0.50)
        assertEquals(20.0 / 40, curve.tarAtFar(0.001), 1e-9);
        double eer = curve.equalErrorRate();
        assertEquals(0.2, eer, 0.05);
    }
}
