package org.facegrid.inference.detection;

import org.facegrid.inference.Models;
import org.facegrid.inference.onnx.FaceApiWeights;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SsdAnchorsTest {
    /** face-api ships the 5118 anchors of its 512-pixel input as [yMin, xMin, yMax, xMax] in units of the input. */
    @Test
    void theGeneratedAnchorsAreTheOnesFaceApiShips() {
        float[] shipped = FaceApiWeights.read(Models.read(Models.SSD_MOBILENET_MANIFEST),
                Models.read(Models.SSD_MOBILENET_WEIGHTS)).get("Output/extra_dim").values();
        int i = 0;
        for (int p = 0; p < SsdMobileNetGraph.PREDICTORS; p++) {
            int cells = SsdAnchors.TRAINED_INPUT / (16 << p);
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int a = 0; a < SsdAnchors.perCell(p); a++, i++) {
                        float[] anchor = SsdAnchors.anchor(p, a, x, y); // yCentre, xCentre, height, width in pixels
                        String where = "anchor " + i + " (layer " + p + ", cell " + x + "," + y + ", #" + a + ")";
                        float unit = SsdAnchors.TRAINED_INPUT;
                        assertEquals(shipped[4 * i], (anchor[0] - anchor[2] / 2) / unit, 1e-4f, where);
                        assertEquals(shipped[4 * i + 1], (anchor[1] - anchor[3] / 2) / unit, 1e-4f, where);
                        assertEquals(shipped[4 * i + 2], (anchor[0] + anchor[2] / 2) / unit, 1e-4f, where);
                        assertEquals(shipped[4 * i + 3], (anchor[1] + anchor[3] / 2) / unit, 1e-4f, where);
                    }
                }
            }
        }
        assertEquals(shipped.length / 4, i, "anchors");
    }
}
