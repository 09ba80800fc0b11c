package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.facegrid.events.AlertWebhook;
import org.facegrid.events.WebhookDeliveries;
import org.facegrid.json.JsonFactory;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.retention.RetentionPolicy;
import org.facegrid.retention.RetentionSettings;

/**
 * Cluster-wide settings. Alerts: {@code {"webhookUrl": "https://..."}} (null clears it), and what became of
 * each delivery ({@code alerts/deliveries}). Retention: see
 * {@link RetentionPolicy}; the retention job applies it.
 */
@ApplicationScoped
@Path("/settings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SettingsResource {
    @Inject
    AlertWebhook webhook;

    @Inject
    RetentionSettings retention;

    @Inject
    WebhookDeliveries deliveries;

    @Operation(summary = "Read the alert webhook")
    @APIResponse(responseCode = "200", description = "The webhook",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "AlertSettings")))
    @GET
    @Path("alerts")
    public JsonObject alerts() {
        return webhook.url().map(url -> JsonFactory.createObjectBuilder().add("webhookUrl", url).build())
                .orElseGet(() -> JsonFactory.createObjectBuilder().addNull("webhookUrl").build());
    }

    /** The latest alert deliveries to the webhook, newest first: attempts, last HTTP status or error, outcome. */
    @Operation(summary = "List the latest alert webhook deliveries")
    @APIResponse(responseCode = "200", description = "The latest deliveries, newest first",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "DeliveryPage")))
    @GET
    @Path("alerts/deliveries")
    public JsonObject deliveries(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return ListPage.of(deliveries.latest(), offset, limit, json -> json);
    }

    @Operation(summary = "Set or clear the alert webhook")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "AlertSettings")))
    @APIResponse(responseCode = "200", description = "The webhook now",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "AlertSettings")))
    @PUT
    @Path("alerts")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject setAlerts(JsonValue body) {
        if (!(body instanceof JsonObject json) || !json.containsKey("webhookUrl") || json.size() != 1) {
            throw InvalidInputException.of("body", "must be {\"webhookUrl\": \"<http(s) URL>\" or null}");
        }
        JsonValue url = json.get("webhookUrl");
        if (url.getValueType() != JsonValue.ValueType.NULL && !(url instanceof JsonString)) {
            throw InvalidInputException.of("webhookUrl", "must be a string or null");
        }
        webhook.setUrl(url instanceof JsonString s ? s.getString() : null);
        return alerts();
    }

    @Operation(summary = "Read the retention policy")
    @APIResponse(responseCode = "200", description = "The policy",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "RetentionPolicy")))
    @GET
    @Path("retention")
    public JsonObject retention() {
        return retention.policy().toJson();
    }

    @Operation(summary = "Set the retention policy")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "RetentionPolicy")))
    @APIResponse(responseCode = "200", description = "The policy now",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "RetentionPolicy")))
    @PUT
    @Path("retention")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject setRetention(JsonValue body) {
        return retention.set(RetentionPolicy.fromJson(body)).toJson();
    }
}
