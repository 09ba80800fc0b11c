package org.facegrid.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        // the image endpoints share one request body: the raw photo, JSON with base64, or a form
        assertEquals("#/components/requestBodies/Image", paths.getJsonObject("/api/v1/recognitions")
                .getJsonObject("post").getJsonObject("requestBody").getString("$ref"));
        assertTrue(document.getJsonObject("components").getJsonObject("requestBodies").getJsonObject("Image")
                .getJsonObject("content").keySet().containsAll(java.util.List.of("image/jpeg", "application/json",
                        "multipart/form-data")), "recognition takes photos, JSON and form uploads");
        assertEquals("basic", document.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("basic").getString("scheme"));
    }

    /** Every operation is described: a summary, its query parameters' meaning, its error responses and their body. */
    @Test
    void everyOperationHasASummaryDescribedParametersAndItsErrorResponses() {
        JsonObject document = http.get("/openapi?format=JSON").object();
        java.util.List<String> missing = new java.util.ArrayList<>();
        int operations = 0;
        for (var path : document.getJsonObject("paths").entrySet()) {
            for (var entry : path.getValue().asJsonObject().entrySet()) {
                if (!java.util.Set.of("get", "put", "post", "delete", "patch").contains(entry.getKey())) {
                    continue;
                }
                operations++;
                String name = entry.getKey().toUpperCase() + " " + path.getKey();
                JsonObject operation = entry.getValue().asJsonObject();
                if (operation.getString("summary", "").isBlank()) {
                    missing.add(name + ": summary");
                }
                for (JsonObject parameter : operation.getOrDefault("parameters", jakarta.json.JsonValue.EMPTY_JSON_ARRAY)
                        .asJsonArray().getValuesAs(JsonObject.class)) {
                    if (parameter.getString("in").equals("query") && parameter.getString("description", "").isBlank()) {
                        missing.add(name + ": description of parameter " + parameter.getString("name"));
                    }
                }
                JsonObject responses = operation.getJsonObject("responses");
                for (String status : path.getKey().contains("{") ? new String[] {"401", "403", "404"} : new String[] {"401", "403"}) {
                    if (responses == null || !responses.containsKey(status)) {
                        missing.add(name + ": response " + status);
                    }
                }
                if (!entry.getKey().equals("get") && (responses == null || !responses.containsKey("503"))) {
                    missing.add(name + ": response 503");
                }
                // what it answers and what it takes have a schema: a $ref, a type, or for a body a shared one
                boolean answers = false;
                for (var response : responses == null ? java.util.Set.<java.util.Map.Entry<String, jakarta.json.JsonValue>>of()
                        : responses.entrySet()) {
                    if (response.getKey().startsWith("2")) {
                        answers = true;
                        if (!response.getKey().equals("204") && !described(response.getValue().asJsonObject())) {
                            missing.add(name + ": schema of response " + response.getKey());
                        }
                    }
                }
                if (!answers) {
                    missing.add(name + ": a success response");
                }
                JsonObject body = operation.getJsonObject("requestBody");
                if (body != null && !body.containsKey("$ref") && !described(body)) {
                    missing.add(name + ": schema of the request body");
                }
            }
        }
        assertTrue(operations >= 50, "operations: " + operations);
        assertEquals(java.util.List.of(), missing, "what the OpenAPI document leaves out");
        JsonObject error = document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Error");
        assertTrue(error.getJsonObject("properties").keySet().containsAll(java.util.List.of("code", "message", "details")),
                error.toString());
    }

    /** Content whose every media type has a schema with a $ref or a type. */
    private static boolean described(JsonObject withContent) {
        JsonObject content = withContent.getJsonObject("content");
        return content != null && !content.isEmpty() && content.values().stream().map(jakarta.json.JsonValue::asJsonObject)
                .allMatch(media -> media.containsKey("schema") && (media.getJsonObject("schema").containsKey("$ref")
                        || media.getJsonObject("schema").containsKey("type")));
    }

    /** Every node serves a browsable reference of that document, whose every asset it serves itself. */
    @Test
    void theReferencePageShowsTheDocumentWithAssetsServedByTheNode() {
        Http.Reply page = http.get("/api-reference/");
        assertEquals(200, page.status(), page.toString());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        java.util.regex.Matcher links = java.util.regex.Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        int assets = 0;
        while (links.find()) {
            String link = links.group(1);
            assertFalse(link.contains("//"), "an asset from elsewhere: " + link);
            Http.Reply asset = http.get("/api-reference/" + link);
            assertEquals(200, asset.status(), link + ": " + asset.status());
            assertTrue(asset.bytes().length > 0, link);
            assets++;
        }
        assertEquals(3, assets, "the stylesheet, Swagger UI and its start script: " + page.body());
        String start = http.get("/api-reference/reference.js").body();
        assertTrue(start.contains("/openapi") && start.contains("validatorUrl: null"), start);
    }
}
