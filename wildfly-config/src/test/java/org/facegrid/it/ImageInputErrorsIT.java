package org.facegrid.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad input to enrolment and recognition: the status, the JSON error code, and that nothing was stored.
 */
@ExtendWith(ArquillianExtension.class)
class ImageInputErrorsIT {
    private final Http http = Deployments.server();
    private String personId;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.facegridEar();
    }

    @BeforeEach
    void person() {
        personId = http.post("/api/v1/persons", "{\"name\":\"Input Errors\"}").object().getString("id");
    }

    private void assertRefused(Http.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        JsonObject body = reply.object();
        assertEquals(code, body.getString("code"), reply.toString());
        assertTrue(body.getString("message").length() > 5, reply.toString());
        Http.Reply faces = http.get("/api/v1/persons/" + personId + "/faces");
        assertEquals(200, faces.status(), faces.toString());
        assertTrue(faces.object().getJsonArray("items").isEmpty(), "nothing stored: " + faces);
    }

    private Http.Reply enrol(String contentType, byte[] body, String query) {
        return http.send("POST", "/api/v1/persons/" + personId + "/faces" + query, contentType, body);
    }

    @Test
    void unreadableImagesAreRefused() {
        assertRefused(enrol("image/jpeg", "this is not an image".getBytes(), ""), 400, "not_an_image");
        byte[] jpeg = TestImages.encode(new java.awt.image.BufferedImage(640, 480,
                java.awt.image.BufferedImage.TYPE_INT_RGB), "jpeg");
        assertRefused(enrol("image/jpeg", TestImages.truncated(jpeg), ""), 400, "truncated_image");
        assertRefused(enrol("image/jpeg", new byte[0], ""), 400, "empty_image");
        assertRefused(http.send("POST", "/api/v1/recognitions", "image/png", "GIF89a-not-really".getBytes()), 400,
                "not_an_image");
    }

    @Test
    void oversizedImagesAreRefusedCheaply() {
        // one byte over the 25 MB docs/api.md states
        byte[] big = Arrays.copyOf(TestImages.noFacePng(), 25 * 1024 * 1024 + 1);
        assertRefused(enrol("image/png", big, ""), 413, "image_too_large");
        // one row over 50 megapixels claimed in the header of a tiny file: refused before any pixel is decoded
        assertRefused(enrol("image/jpeg", TestImages.jpegClaiming(10_000, 5_001), ""), 413, "too_many_pixels");
        assertRefused(http.send("POST", "/api/v1/recognitions", "image/jpeg", TestImages.jpegClaiming(10_000, 5_001)),
                413, "too_many_pixels");
    }

    @Test
    void enrolmentNeedsExactlyOneFace() {
        assertRefused(enrol("image/png", TestImages.noFacePng(), ""), 422, "no_face");
        byte[] group = TestImages.read(TestImages.sharedFaces("negatives/multiface").resolve("1.jpg"));
        Http.Reply several = enrol("image/jpeg", group, "");
        assertRefused(several, 422, "several_faces");
        assertTrue(several.object().getJsonArray("details").size() >= 3, several.toString());
        assertRefused(enrol("image/jpeg", group, "?pick=smallest"), 400, "invalid_input");
    }

    @Test
    void unknownPersonsParametersAndMediaTypes() {
        Http.Reply unknown = http.send("POST", "/api/v1/persons/no-such-person/faces", "image/png",
                TestImages.noFacePng());
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals("person_not_found", unknown.object().getString("code"));

        Http.Reply threshold = http.send("POST", "/api/v1/recognitions?threshold=7", "image/png", TestImages.noFacePng());
        assertEquals(400, threshold.status(), threshold.toString());
        assertEquals("threshold", threshold.object().getJsonArray("details").getJsonObject(0).getString("field"));
        Http.Reply notNumber = http.post("/api/v1/recognitions", "{\"image\":\"AAAA\",\"maxFaces\":\"many\"}");
        assertEquals(400, notNumber.status(), notNumber.toString());
        assertEquals("maxFaces", notNumber.object().getJsonArray("details").getJsonObject(0).getString("field"));

        Http.Reply longField = http.send("POST", "/api/v1/recognitions", "multipart/form-data; boundary=" + TestImages.BOUNDARY,
                TestImages.multipart(TestImages.noFacePng(), "image/png", "threshold", "1".repeat(4097))); // 4 KB + 1
        assertEquals(413, longField.status(), longField.toString());
        assertEquals("field_too_large", longField.object().getString("code"));
        assertTrue(longField.object().getString("message").contains("'threshold'"), longField.toString());

        assertRefused(enrol("text/plain", "hello".getBytes(), ""), 415, "unsupported_media_type");
        assertRefused(enrol("application/json", "{\"image\": ".getBytes(), ""), 400, "malformed_json");
        assertRefused(enrol("application/json", "{\"image\": \"***not base64***\"}".getBytes(), ""), 400,
                "invalid_input");
        assertRefused(enrol("application/json", "{\"pick\": \"largest\"}".getBytes(), ""), 400, "invalid_input");
        // one byte over what a 25 MB image takes in base64, plus 64 KB for the rest of the JSON
        byte[] huge = new byte[25 * 1024 * 1024 / 3 * 4 + 64 * 1024 + 1];
        Arrays.fill(huge, (byte) 'A');
        huge[0] = '"';
        huge[huge.length - 1] = '"';
        assertRefused(enrol("application/json", huge, ""), 413, "body_too_large");
    }
}
