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
import jakarta.ws.rs.core.MediaType;
import org.facegrid.events.AlertWebhook;
import org.facegrid.json.JsonFactory;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.retention.RetentionPolicy;
import org.facegrid.retention.RetentionSettings;

/**
 * Cluster-wide settings. Alerts: {@code {"webhookUrl": "https://..."}} (null clears it). Retention: see
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

    @GET
    @Path("alerts")
    public JsonObject alerts() {
        return webhook.url().map(url -> JsonFactory.createObjectBuilder().add("webhookUrl", url).build())
                .orElseGet(() -> JsonFactory.createObjectBuilder().addNull("webhookUrl").build());
    }

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

    @GET
    @Path("retention")
    public JsonObject retention() {
        return retention.policy().toJson();
    }

    @PUT
    @Path("retention")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject setRetention(JsonValue body) {
        return retention.set(RetentionPolicy.fromJson(body)).toJson();
    }
}
