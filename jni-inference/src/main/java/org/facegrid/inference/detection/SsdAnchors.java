package org.facegrid.inference.detection;

/**
 * The anchors of face-api's SSD MobileNet, as TensorFlow's SSD anchor generator lays them out: six layers with
 * scales from 0.2 to 0.95 of the input; the first layer has 3 anchors per cell (0.1 square, 0.2 wide and 0.2
 * tall), the others 6 (the layer's scale at aspect ratios 1, 2, 1/2, 3, 1/3, and a square between this layer's
 * scale and the next's, second in the list), centred in each cell. The rule gives exactly the 5118 anchors
 * face-api ships for its 512-pixel input.
 *
 * <p>The network learned its boxes in pixels of that 512-pixel input: on a smaller input a layer still finds faces
 * of the same pixel size, so anchors are given in input pixels, as at 512 (cells 16 * 2^layer pixels apart,
 * sizes scale * 512), whatever the input size.
 */
final class SsdAnchors {
    private static final float MIN_SCALE = 0.2f;
    private static final float MAX_SCALE = 0.95f;
    static final int TRAINED_INPUT = 512;

    private SsdAnchors() {
    }

    static int perCell(int predictor) {
        return predictor == 0 ? 3 : 6;
    }

    /** The anchor as {yCentre, xCentre, height, width}, in input pixels. */
    static float[] anchor(int predictor, int anchor, int cellX, int cellY) {
        float scale;
        float aspect; // width / height
        if (predictor == 0) {
            scale = anchor == 0 ? 0.1f : 0.2f;
            aspect = new float[] {1f, 2f, 0.5f}[anchor];
        } else {
            float layerScale = scale(predictor);
            float nextScale = predictor == SsdMobileNetGraph.PREDICTORS - 1 ? 1f : scale(predictor + 1);
            scale = anchor == 1 ? (float) Math.sqrt(layerScale * nextScale) : layerScale;
            aspect = new float[] {1f, 1f, 2f, 0.5f, 3f, 1f / 3f}[anchor];
        }
        float root = (float) Math.sqrt(aspect);
        float cell = 16 << predictor;
        return new float[] {(cellY + 0.5f) * cell, (cellX + 0.5f) * cell, TRAINED_INPUT * scale / root,
                TRAINED_INPUT * scale * root};
    }

    private static float scale(int predictor) {
        return MIN_SCALE + (MAX_SCALE - MIN_SCALE) * predictor / (SsdMobileNetGraph.PREDICTORS - 1);
    }
}
