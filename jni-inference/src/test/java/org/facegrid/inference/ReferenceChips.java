package org.facegrid.inference;

import java.awt.image.BufferedImage;

/**
 * Face chips drawn from one integer formula, the same one reference/make-reference.js draws, so face-api's
 * reference descriptors and benchmark inputs match FaceGrid's exactly without any photo in the repository.
 */
public final class ReferenceChips {
    private ReferenceChips() {
    }

    public static BufferedImage drawn(int k) {
        BufferedImage chip = new BufferedImage(150, 150, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 150; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    rgb |= ((x * (3 + k) + y * (5 + 2 * k) + c * 71 + ((x * y) >> (k + 2)) + k * 37) % 256) << (16 - 8 * c);
                }
                chip.setRGB(x, y, rgb);
            }
        }
        return chip;
    }
}
