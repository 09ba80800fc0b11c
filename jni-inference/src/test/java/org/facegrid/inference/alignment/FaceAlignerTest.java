package org.facegrid.inference.alignment;

import org.facegrid.inference.detection.Box;
import org.facegrid.inference.detection.DetectedFace;
import org.facegrid.inference.detection.Point;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FaceAlignerTest {

    @Test
    void similarityMapsTheKeypointsOntoTheTemplate() {
        // the template turned by 30 degrees, scaled by 2.5 and moved: the fit must undo exactly that
        double angle = Math.toRadians(30);
        List<Point> keypoints = new ArrayList<>();
        for (float[] t : FaceAligner.TEMPLATE) {
            double x = 2.5 * (t[0] * Math.cos(angle) - t[1] * Math.sin(angle)) + 400;
            double y = 2.5 * (t[0] * Math.sin(angle) + t[1] * Math.cos(angle)) + 120;
            keypoints.add(new Point((float) x, (float) y));
        }
        FaceAligner.Similarity fit = FaceAligner.Similarity.fit(keypoints, FaceAligner.TEMPLATE);
        assertEquals(0.4, Math.hypot(fit.a(), fit.b()), 1e-5, "scale");
        assertEquals(-30, Math.toDegrees(Math.atan2(fit.b(), fit.a())), 1e-3, "rotation");
        for (int i = 0; i < keypoints.size(); i++) {
            float[] mapped = fit.apply(keypoints.get(i).x(), keypoints.get(i).y());
            assertEquals(FaceAligner.TEMPLATE[i][0], mapped[0], 1e-3);
            assertEquals(FaceAligner.TEMPLATE[i][1], mapped[1], 1e-3);
        }
        float[] back = fit.inverse().apply(FaceAligner.TEMPLATE[2][0], FaceAligner.TEMPLATE[2][1]);
        assertEquals(keypoints.get(2).x(), back[0], 1e-2);
        assertEquals(keypoints.get(2).y(), back[1], 1e-2);
    }

    @Test
    void chipShowsTheFaceUprightWhateverItsTilt() {
        // a drawn "face": image pixel value encodes its own coordinates, so the chip tells where it sampled
        int size = 600;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, (x / 3) << 16 | (y / 3) << 8);
            }
        }
        // eyes level, 100 px apart: the chip's 50 px between eyes means half scale
        List<Point> kp = List.of(new Point(200, 200), new Point(300, 200), new Point(250, 266), new Point(250, 311),
                new Point(150, 210), new Point(350, 210));
        DetectedFace face = new DetectedFace(new Box(150, 150, 200, 200), 0.9f, kp);
        BufferedImage chip = FaceAligner.chip(image, face);
        assertEquals(150, chip.getWidth());
        int atRightEye = chip.getRGB(50, 47);
        assertEquals(200 / 3, (atRightEye >> 16) & 0xff, 2, "chip (50,47) samples the right eye's x");
        assertEquals(200 / 3, (atRightEye >> 8) & 0xff, 3, "chip (50,47) samples the right eye's y");
        int atLeftEye = chip.getRGB(100, 47);
        assertEquals(300 / 3, (atLeftEye >> 16) & 0xff, 2);
    }
}
