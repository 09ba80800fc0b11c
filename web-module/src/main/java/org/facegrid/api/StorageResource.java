package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.facegrid.json.JsonFactory;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.storage.StorageSettings;

/**
 * The cluster's object storage: {@code {"mode": "local"|"shared", "sharedDir", "copies"}}. PUT sets
 * {@code copies} (1 or 2, local mode); the mode changes only through the migrate-storage job, which copies and
 * verifies every object before it switches.
 */
@ApplicationScoped
@Path("/storage")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class StorageResource {
    @Inject
    StorageSettings settings;

    @Operation(summary = "Show the storage mode")
    @APIResponse(responseCode = "200", description = "The storage",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Storage")))
    @GET
    public JsonObject get() {
        StorageSettings.Config config = settings.current();
        var json = JsonFactory.createObjectBuilder().add("mode", config.shared() ? "shared" : "local")
                .add("copies", config.copies());
        if (config.shared()) {
            json.add("sharedDir", config.sharedDir().toString());
        } else {
            json.addNull("sharedDir");
        }
        if (config.migratingTo() != null) {
            json.add("migratingTo", config.migratingTo().toString());
        } else {
            json.addNull("migratingTo");
        }
        return json.build();
    }

    @Operation(summary = "Set the copies of each object (local mode)")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "StorageChange")))
    @APIResponse(responseCode = "200", description = "The storage now",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Storage")))
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject put(JsonValue body) {
        if (!(body instanceof JsonObject json) || json.size() != 1 || !json.containsKey("copies")) {
            throw InvalidInputException.of("body", "must be {\"copies\": 1 or 2} (the mode changes only through "
                    + "the migrate-storage job)");
        }
        if (!(json.get("copies") instanceof JsonNumber copies) || !copies.isIntegral()) {
            throw InvalidInputException.of("copies", "must be 1 or 2");
        }
        settings.setCopies(copies.intValue());
        return get();
    }
}
