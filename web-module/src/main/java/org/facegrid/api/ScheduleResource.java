package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.facegrid.json.JsonFactory;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.problem.NotFoundException;
import org.facegrid.schedule.JobScheduler;
import org.facegrid.schedule.Schedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Job schedules: {@code PUT /schedules/{job}} with {@code {"cron": "30 2 * * *", "parameters": {"kind": "full"}}}
 * runs the job at every matching minute on one node of the cluster; {@code GET} shows each schedule with its
 * next run and what its last slot did; {@code DELETE} stops it.
 */
@ApplicationScoped
@Path("/schedules")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class ScheduleResource {
    @Inject
    JobScheduler scheduler;

    @Operation(summary = "List job schedules")
    @APIResponse(responseCode = "200", description = "The schedules",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "SchedulePage")))
    @GET
    public JsonObject list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return ListPage.of(scheduler.all(), offset, limit, this::shown);
    }

    @Operation(summary = "Read a job's schedule")
    @APIResponse(responseCode = "200", description = "The schedule",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Schedule")))
    @GET
    @Path("/{job}")
    public JsonObject get(@PathParam("job") String job) {
        return shown(scheduler.find(job).orElseThrow(() -> new NotFoundException("schedule", job)));
    }

    @Operation(summary = "Create or replace a job's schedule")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "ScheduleInput")))
    @APIResponse(responseCode = "200", description = "The schedule now",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Schedule")))
    @PUT
    @Path("/{job}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject put(@PathParam("job") String job, JsonValue body, @Context SecurityContext security) {
        if (!(body instanceof JsonObject json) || !(json.get("cron") instanceof JsonString cron)) {
            throw InvalidInputException.of("cron", "is required: {\"cron\": \"30 2 * * *\", \"parameters\": {...}}");
        }
        for (String member : json.keySet()) {
            if (!member.equals("cron") && !member.equals("parameters")) {
                throw InvalidInputException.of(member, "is not part of a schedule (cron, parameters)");
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonValue given = json.getOrDefault("parameters", JsonValue.EMPTY_JSON_OBJECT);
        if (!(given instanceof JsonObject object)) {
            throw InvalidInputException.of("parameters", "must be an object of strings");
        }
        for (Map.Entry<String, JsonValue> parameter : object.entrySet()) {
            if (!(parameter.getValue() instanceof JsonString text)) {
                throw InvalidInputException.of("parameters." + parameter.getKey(), "must be a string");
            }
            parameters.put(parameter.getKey(), text.getString());
        }
        return shown(scheduler.put(job, cron.getString(), parameters, security.getUserPrincipal().getName()));
    }

    @Operation(summary = "Delete a job's schedule")
    @APIResponse(responseCode = "204", description = "Deleted")
    @DELETE
    @Path("/{job}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("job") String job) {
        scheduler.delete(job);
        return Response.noContent().build();
    }

    private JsonObject shown(Schedule schedule) {
        JsonObjectBuilder json = JsonFactory.createObjectBuilder(schedule.shown());
        json.add("nextRun", JsonFactory.instant(scheduler.nextRun(schedule).orElse(0L)));
        return json.build();
    }
}
