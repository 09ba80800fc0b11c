package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.facegrid.cluster.FacegridVersion;
import org.facegrid.json.JsonFactory;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/v1}: what the API has, so a client (or a person with a browser) can find its way from the
 * root: each resource with what it is, the OpenAPI document, and health. ApiDocumentIT checks that every
 * resource of the OpenAPI document is listed here.
 */
@ApplicationScoped
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class ApiIndex {
    static final Map<String, String> RESOURCES = new TreeMap<>(Map.ofEntries(
            Map.entry("persons", "persons, their enrolled faces and watchlists"),
            Map.entry("recognitions", "recognise every face of a photo"),
            Map.entry("detections", "find the faces of a photo"),
            Map.entry("verifications", "compare a face with another photo or a person (1:1)"),
            Map.entry("events", "recorded recognitions, newest first"),
            Map.entry("alerts", "events that matched a person on a watchlist"),
            Map.entry("reports", "counts per person, feed and hour"),
            Map.entry("objects", "stored objects (face crops among them), listed by prefix"),
            Map.entry("storage", "where objects are kept: local, copies or shared"),
            Map.entry("jobs", "batch jobs (backup, restore, retention, migration) and their history"),
            Map.entry("backups", "this node's backup archives"),
            Map.entry("schedules", "jobs run on a cron schedule"),
            Map.entry("settings", "the alert webhook and its deliveries, the retention policy"),
            Map.entry("cluster", "the nodes, the primary, rotation and load balancing")));

    @Operation(summary = "List the API's resources")
    @APIResponse(responseCode = "200", description = "The resources",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "ApiIndex")))
    @GET
    public JsonObject index() {
        JsonArrayBuilder resources = JsonFactory.createArrayBuilder();
        RESOURCES.forEach((name, what) -> resources.add(JsonFactory.createObjectBuilder().add("name", name)
                .add("href", "/api/v1/" + name).add("description", what)));
        return JsonFactory.createObjectBuilder().add("name", "FaceGrid API").add("version", FacegridVersion.get())
                .add("items", resources).add("openapi", "/openapi").add("reference", "/api-reference/")
                .add("health", "/health/ready").build();
    }
}
