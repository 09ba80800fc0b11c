package org.facegrid.inference.embedding;

import org.facegrid.inference.ReferenceChips;
import org.facegrid.inference.onnx.MiniJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The graph built from face-api's weights gives face-api's descriptors: reference numbers made once by
 * face-api 1.7.15 on the tfjs WASM backend (jni-inference/reference/make-reference.js) for chips both sides
 * draw from one integer formula.
 */
class DescriptorReferenceTest {
    private static FaceEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = new FaceEmbedder(2);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @SuppressWarnings("unchecked")
    static List<float[]> reference() throws IOException {
        try (InputStream in = DescriptorReferenceTest.class.getResourceAsStream("/reference/descriptors.json")) {
            Map<String, Object> json = (Map<String, Object>) MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<float[]> out = new ArrayList<>();
            for (Object d : (List<Object>) json.get("descriptors")) {
                List<Object> values = (List<Object>) d;
                float[] v = new float[values.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = ((Double) values.get(i)).floatValue();
                }
                out.add(v);
            }
            return out;
        }
    }

    @Test
    void descriptorsEqualFaceApisWithin1e6() throws IOException {
        List<float[]> expected = reference();
        List<BufferedImage> chips = new ArrayList<>();
        for (int k = 0; k < expected.size(); k++) {
            chips.add(ReferenceChips.drawn(k));
        }
        float[][] batch = embedder.embed(chips);
        double worst = 0;
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(128, batch[k].length);
            for (int i = 0; i < 128; i++) {
                worst = Math.max(worst, Math.abs(batch[k][i] - expected.get(k)[i]));
                assertEquals(expected.get(k)[i], batch[k][i], 1e-6, "chip " + k + ", value " + i);
            }
            // one chip alone gives what it gives in a batch
            float[] single = embedder.embed(List.of(chips.get(k)))[0];
            for (int i = 0; i < 128; i++) {
                assertEquals(batch[k][i], single[i], 1e-6f);
            }
        }
        System.out.printf("largest difference from face-api: %.2e%n", worst);
    }
}
