package org.facegrid.inference;

import org.facegrid.inference.image.ImageRejectedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FacePipelineTest {
    private static FacePipeline pipeline;

    @BeforeAll
    static void load() {
        pipeline = FacePipeline.withDefaults();
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    private static Face only(Path photo) throws Exception {
        List<Face> faces = pipeline.analyse(Files.readAllBytes(photo));
        assertTrue(!faces.isEmpty(), "no face in " + photo);
        return faces.get(0);
    }

    @Test
    void samePersonIsCloseAndDifferentPeopleAreFar() throws Exception {
        Path dev = SharedFaces.root().resolve("dev");
        Face obama1 = only(dev.resolve("barack_obama/1.jpg"));
        Face obama2 = only(dev.resolve("barack_obama/2.jpg"));
        Face biden = only(dev.resolve("joe_biden/1.jpg"));
        Face aniston = only(dev.resolve("jennifer_aniston/1.jpg"));
        assertEquals(128, obama1.descriptor().length);
        assertEquals(150, obama1.chip().getWidth());
        float same = FacePipeline.distance(obama1.descriptor(), obama2.descriptor());
        assertTrue(same < 0.6f, "two photos of Obama: " + same);
        for (Face other : List.of(biden, aniston)) {
            float different = FacePipeline.distance(obama1.descriptor(), other.descriptor());
            assertTrue(different > 0.6f && different > same, "Obama and someone else: " + different);
        }
        assertTrue(obama1.quality() > 0.5f && obama1.quality() <= 1f, "quality " + obama1.quality());
    }

    @Test
    void everyFaceOfAGroupIsEmbeddedInOneCall() throws Exception {
        Path group = SharedFaces.root().resolve("negatives/multiface/5.jpg");
        List<Face> faces = pipeline.analyse(Files.readAllBytes(group));
        assertEquals(3, faces.size());
        assertTrue(faces.get(0).box().area() >= faces.get(1).box().area(), "largest first");
        assertTrue(FacePipeline.distance(faces.get(0).descriptor(), faces.get(1).descriptor()) > 0.4f,
                "different people get different descriptors");
    }

    @Test
    void aFaceLimitEmbedsOnlyTheLargestAndDetectionAloneFindsTheSameFaces() throws Exception {
        byte[] group = Files.readAllBytes(SharedFaces.root().resolve("negatives/multiface/5.jpg"));
        List<Face> all = pipeline.analyse(group);
        List<Face> two = pipeline.analyse(group, 2);
        assertEquals(2, two.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(all.get(i).box(), two.get(i).box());
            assertTrue(FacePipeline.distance(all.get(i).descriptor(), two.get(i).descriptor()) < 1e-5f,
                    "the same descriptor whether or not the smaller faces are embedded too");
        }
        List<org.facegrid.inference.detection.DetectedFace> detected = pipeline.detect(group);
        assertEquals(all.stream().map(Face::box).toList(), detected.stream().map(f -> f.box()).toList());
        assertEquals(all.get(0).quality(), FacePipeline.quality(detected.get(0)));
    }

    @Test
    void badBytesAreRefusedBeforeAnyModelRuns() {
        assertThrows(ImageRejectedException.class, () -> pipeline.analyse("not an image".getBytes()));
        assertEquals(List.of(), pipeline.analyse(new java.awt.image.BufferedImage(320, 240,
                java.awt.image.BufferedImage.TYPE_INT_RGB)));
    }
}
