package org.facegrid.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Enrolment, recognition and detection through the REST API on a real WildFly with the real face pipeline,
 * on the labelled photos in ../shared/faces (tests that need them are skipped with a message when absent).
 */
@ExtendWith(ArquillianExtension.class)
class RecognitionApiIT {
    private final Http http = Deployments.server();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.facegridEar();
    }

    private String createPerson(String name) {
        Http.Reply created = http.post("/api/v1/persons", "{\"name\":\"" + name + "\"}");
        assertEquals(201, created.status(), created.toString());
        return created.object().getString("id");
    }

    private Http.Reply enrolRaw(String personId, byte[] image, String query) {
        return http.send("POST", "/api/v1/persons/" + personId + "/faces" + query, "image/jpeg", image);
    }

    private JsonArray faces(Http.Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        return reply.object().getJsonArray("faces");
    }

    /** A person's enrolled faces: the list envelope's items. */
    private JsonArray enrolled(String personId) {
        Http.Reply reply = http.get("/api/v1/persons/" + personId + "/faces");
        assertEquals(200, reply.status(), reply.toString());
        return reply.object().getJsonArray("items");
    }

    private JsonArray recognise(byte[] image) {
        return faces(http.send("POST", "/api/v1/recognitions", "image/jpeg", image));
    }

    /** Recognition with room for every person of that face that other tests (or earlier runs) enrolled. */
    private JsonArray recogniseAllMatches(byte[] image) {
        return faces(http.send("POST", "/api/v1/recognitions?maxMatches=20", "image/jpeg", image));
    }

    /** The name of the best match of the photo's largest face, null when unknown. */
    private String topNameOfLargestFace(JsonArray faces) {
        if (faces.isEmpty()) {
            return null;
        }
        JsonArray matches = faces.getJsonObject(0).getJsonArray("matches");
        return matches.isEmpty() ? null : matches.getJsonObject(0).getString("name");
    }

    /** The dev set: enrol the first photo of each identity, recognise every other photo through the API. */
    @Test
    void enrolledPeopleAreRecognisedInTheirOtherPhotos() throws IOException {
        Path dev = TestImages.sharedFaces("dev");
        Map<String, Path> identities = new LinkedHashMap<>();
        try (Stream<Path> dirs = Files.list(dev)) {
            dirs.filter(Files::isDirectory).sorted().forEach(d -> identities.put(d.getFileName().toString(), d));
        }
        // persons are named after the identity: one left by an earlier run on the same server is the same person
        int form = 0;
        for (Map.Entry<String, Path> identity : identities.entrySet()) {
            String personId = createPerson(identity.getKey());
            byte[] first = TestImages.read(TestImages.photos(identity.getValue()).get(0));
            // the three input forms take turns
            Http.Reply enrolled = switch (form++ % 3) {
                case 0 -> enrolRaw(personId, first, "?pick=largest");
                case 1 -> http.post("/api/v1/persons/" + personId + "/faces",
                        "{\"image\":\"" + Base64.getEncoder().encodeToString(first) + "\",\"pick\":\"largest\"}");
                default -> http.send("POST", "/api/v1/persons/" + personId + "/faces",
                        "multipart/form-data; boundary=" + TestImages.BOUNDARY,
                        TestImages.multipart(first, "image/jpeg", "pick", "largest"));
            };
            assertEquals(201, enrolled.status(), identity.getKey() + ": " + enrolled);
            JsonObject face = enrolled.object();
            assertEquals(personId, face.getString("personId"));
            assertTrue(face.getJsonObject("box").getJsonNumber("width").doubleValue() > 20, face.toString());
        }

        int queries = 0;
        int correct = 0;
        StringBuilder misses = new StringBuilder();
        for (Map.Entry<String, Path> identity : identities.entrySet()) {
            List<Path> photos = TestImages.photos(identity.getValue());
            for (Path photo : photos.subList(1, photos.size())) {
                queries++;
                String top = topNameOfLargestFace(recognise(TestImages.read(photo)));
                if (identity.getKey().equals(top)) {
                    correct++;
                } else {
                    misses.append(' ').append(dev.relativize(photo)).append("->").append(top);
                }
            }
        }
        assertTrue(queries > 50, "the dev set has more than 50 query photos, found " + queries);
        assertTrue(correct >= 0.95 * queries, "rank-1 " + correct + "/" + queries + "; missed:" + misses);
    }

    @Test
    void aDeletedFaceAndADeletedPersonAreNeverMatchedAgain() {
        Path dev = TestImages.sharedFaces("dev");
        List<Path> photos = TestImages.photos(dev.resolve("barack_obama"));
        String personId = createPerson("Deletion Test");
        JsonObject face = enrolRaw(personId, TestImages.read(photos.get(0)), "?pick=largest").object();
        String faceId = face.getString("faceId");
        byte[] other = TestImages.read(photos.get(1));

        JsonArray listed = enrolled(personId);
        assertEquals(1, listed.size());
        assertEquals(faceId, listed.getJsonObject(0).getString("faceId"));
        Http.Reply crop = http.get("/api/v1/objects/" + face.getString("imageKey"));
        assertEquals(200, crop.status(), crop.toString());
        assertEquals("image/jpeg", crop.contentType());
        assertTrue(crop.bytes().length > 1000, "the aligned face crop is a real JPEG");
        assertTrue(recogniseAllMatches(other).stream().anyMatch(f -> f.asJsonObject().getJsonArray("matches").stream()
                .anyMatch(m -> m.asJsonObject().getString("faceId").equals(faceId))), "recognised before deletion");

        assertEquals(204, http.delete("/api/v1/persons/" + personId + "/faces/" + faceId).status());
        assertTrue(enrolled(personId).isEmpty());
        assertEquals(404, http.get("/api/v1/objects/" + face.getString("imageKey")).status());
        assertFalse(recogniseAllMatches(other).stream().anyMatch(f -> f.asJsonObject().getJsonArray("matches").stream()
                .anyMatch(m -> m.asJsonObject().getString("personId").equals(personId))), "deleted face matched");
        assertEquals(404, http.delete("/api/v1/persons/" + personId + "/faces/" + faceId).status());

        // a person deleted with faces takes them along
        JsonObject again = enrolRaw(personId, TestImages.read(photos.get(0)), "?pick=largest").object();
        assertEquals(204, http.delete("/api/v1/persons/" + personId).status());
        assertEquals(404, http.get("/api/v1/objects/" + again.getString("imageKey")).status());
        assertEquals(404, http.get("/api/v1/persons/" + personId + "/faces").status());
        assertFalse(recogniseAllMatches(other).stream().anyMatch(f -> f.asJsonObject().getJsonArray("matches").stream()
                .anyMatch(m -> m.asJsonObject().getString("personId").equals(personId))), "deleted person matched");
    }

    @Test
    void theNodeTellsWhereTheTimeOfARequestWentInServerTiming() {
        byte[] photo = TestImages.read(TestImages.sharedFaces("negatives/multiface").resolve("1.jpg"));
        Http.Reply recognised = http.send("POST", "/api/v1/recognitions", "image/jpeg", photo);
        assertEquals(200, recognised.status());
        Map<String, Double> timings = recognised.serverTimings();
        assertEquals(List.of("queue", "analyse", "search"), List.copyOf(timings.keySet()), recognised.header("Server-Timing"));
        assertTrue(timings.get("analyse") > 5, "a real pipeline run takes milliseconds: " + timings);
        Http.Reply detected = http.send("POST", "/api/v1/detections", "image/jpeg", photo);
        assertEquals(List.of("queue", "detect"), List.copyOf(detected.serverTimings().keySet()));
        Http.Reply enrolled = enrolRaw(createPerson("Timed"), photo, "?pick=largest");
        assertEquals(201, enrolled.status());
        assertEquals(List.of("queue", "analyse", "store"), List.copyOf(enrolled.serverTimings().keySet()));
        assertNull(http.get("/api/v1/persons").header("Server-Timing"), "no pipeline, no timings");
    }

    @Test
    void detectionFindsEveryFaceOfAGroupAndNoneOnAPlainPicture() {
        Path group = TestImages.sharedFaces("negatives/multiface").resolve("1.jpg");
        JsonArray found = faces(http.send("POST", "/api/v1/detections", "image/jpeg", TestImages.read(group)));
        assertTrue(found.size() >= 3, "a group photo of 4: " + found);
        JsonObject first = found.getJsonObject(0);
        assertEquals(6, first.getJsonArray("keypoints").size());
        assertTrue(first.getJsonNumber("score").doubleValue() >= 0.7);

        JsonArray limited = faces(http.send("POST", "/api/v1/detections?maxFaces=2", "image/jpeg", TestImages.read(group)));
        assertEquals(2, limited.size());
        assertTrue(faces(http.send("POST", "/api/v1/detections", "image/png", TestImages.noFacePng())).isEmpty());
    }

    @Test
    void verificationComparesTwoPhotosOrAPhotoWithAPerson() {
        Path dev = TestImages.sharedFaces("dev");
        byte[] obama1 = TestImages.read(TestImages.photos(dev.resolve("barack_obama")).get(0));
        byte[] obama2 = TestImages.read(TestImages.photos(dev.resolve("barack_obama")).get(1));
        byte[] aniston = TestImages.read(TestImages.photos(dev.resolve("jennifer_aniston")).get(0));
        String b64 = "\",\"image2\":\"";

        JsonObject same = http.post("/api/v1/verifications", "{\"image\":\"" + base64(obama1) + b64 + base64(obama2)
                + "\"}").object();
        assertTrue(same.getBoolean("match"), same.toString());
        assertTrue(same.getJsonNumber("distance").doubleValue() < 0.6, same.toString());
        Http.Reply different = http.send("POST", "/api/v1/verifications",
                "multipart/form-data; boundary=" + TestImages.BOUNDARY,
                TestImages.multipartPair(obama1, aniston));
        assertEquals(200, different.status(), different.toString());
        assertFalse(different.object().getBoolean("match"), different.toString());

        String personId = createPerson("Verify Obama");
        assertEquals(201, enrolRaw(personId, obama1, "?pick=largest").status());
        JsonObject byPerson = http.send("POST", "/api/v1/verifications?personId=" + personId, "image/jpeg", obama2)
                .object();
        assertTrue(byPerson.getBoolean("match"), byPerson.toString());
        assertEquals(personId, byPerson.getString("personId"));

        Http.Reply neither = http.send("POST", "/api/v1/verifications", "image/jpeg", obama2);
        assertEquals(400, neither.status(), neither.toString());
        Http.Reply noFace = http.post("/api/v1/verifications", "{\"image\":\"" + base64(obama1) + b64
                + base64(TestImages.noFacePng()) + "\"}");
        assertEquals(422, noFace.status(), noFace.toString());
        assertEquals("no_face", noFace.object().getString("code"));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void descriptorsMadeElsewhereCanBeImportedByAdmins() {
        String personId = createPerson("Imported");
        StringBuilder values = new StringBuilder();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 128; i++) {
            values.append(i == 0 ? "" : ",").append(random.nextGaussian() * 0.09);
        }
        String path = "/api/v1/persons/" + personId + "/faces/descriptors";
        Http.Reply imported = http.post(path, "{\"descriptors\":[[" + values + "],[" + values + "]]}");
        assertEquals(201, imported.status(), imported.toString());
        JsonObject first = imported.object().getJsonArray("items").getJsonObject(0);
        assertTrue(first.isNull("imageKey"), "no photo, no crop");
        JsonArray listed = enrolled(personId);
        assertEquals(2, listed.size());

        // one bad descriptor refuses the whole call
        Http.Reply shortOne = http.post(path, "{\"descriptors\":[[" + values + "],[0.1,0.2]]}");
        assertEquals(400, shortOne.status(), shortOne.toString());
        assertEquals("descriptors[1]", shortOne.object().getJsonArray("details").getJsonObject(0).getString("field"));
        assertEquals(400, http.post(path, "{\"descriptors\":\"x\"}").status());
        assertEquals(403, Deployments.server("operator").post(path, "{\"descriptors\":[[" + values + "]]}").status());
        assertEquals(2, enrolled(personId).size(), "refusals stored nothing");
    }

    @Test
    void strangersAreUnknown() {
        Path strangers = TestImages.sharedFaces("negatives/unknown_single");
        List<Path> photos;
        try (Stream<Path> files = Files.list(strangers)) {
            photos = files.sorted().limit(3).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path photo : photos) {
            // at a strict threshold nobody enrolled by any test is this close
            JsonArray found = faces(http.send("POST", "/api/v1/recognitions?threshold=0.3", "image/jpeg",
                    TestImages.read(photo)));
            for (var face : found) {
                assertTrue(face.asJsonObject().getBoolean("unknown"), photo + ": " + face);
            }
        }
    }
}
