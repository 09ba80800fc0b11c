package org.facegrid.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import jakarta.json.JsonObject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAPI document at /openapi: open to read, and it lists every endpoint of the API. */
@ExtendWith(ArquillianExtension.class)
class ApiDocumentIT {
    private final Http http = Deployments.server().anonymous();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.facegridEar();
    }

    @Test
    void theDocumentListsEveryEndpointAndTheBasicScheme() {
        Http.Reply reply = http.get("/openapi?format=JSON");
        assertEquals(200, reply.status(), reply.toString());
        JsonObject document = reply.object();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : new String[] {"/api/v1/persons", "/api/v1/persons/{id}", "/api/v1/persons/{personId}/faces",
                "/api/v1/persons/{personId}/faces/{faceId}", "/api/v1/recognitions", "/api/v1/detections",
                "/api/v1/verifications", "/api/v1/objects/{key}", "/api/v1/cluster"}) {
            assertTrue(paths.containsKey(path), path + " missing from " + paths.keySet());
        }
        assertTrue(paths.getJsonObject("/api/v1/recognitions").getJsonObject("post").getJsonObject("requestBody")
                .getJsonObject("content").containsKey("multipart/form-data"), "recognition takes form uploads");
        assertEquals("basic", document.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("basic").getString("scheme"));
    }
}
