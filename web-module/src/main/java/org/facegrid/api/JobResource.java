package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.facegrid.jobs.JobHistory;
import org.facegrid.jobs.JobLauncher;
import org.facegrid.jobs.JobRecord;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.problem.NotFoundException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Batch jobs: {@code POST /jobs/{name}} starts one on this node ({@code backup} with {@code {"kind"}},
 * {@code restore} with {@code {"archive"}}) and answers 202 with its record; {@code GET /jobs} is the
 * cluster's history, newest first (status, progress, counts, duration, error), the same from every node;
 * {@code POST /jobs/{id}/restart} resumes a failed or stopped run from its last checkpoint.
 */
@ApplicationScoped
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class JobResource {
    @Inject
    JobLauncher launcher;

    @Inject
    JobHistory history;

    @Operation(summary = "List the cluster's job history, newest first")
    @APIResponse(responseCode = "200", description = "One page of the history",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "JobPage")))
    @GET
    public JsonObject list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return ListPage.of(history.all(), offset, limit, JobRecord::shown);
    }

    @Operation(summary = "Read a job")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Job")))
    @GET
    @Path("/{id}")
    public JsonObject get(@PathParam("id") String id) {
        return history.find(id).orElseThrow(() -> new NotFoundException("job", id)).shown();
    }

    @Operation(summary = "Start a batch job (backup, restore, retention, migration)")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "JobParameters")))
    @APIResponse(responseCode = "202", description = "Started",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Job")))
    @POST
    @Path("/{name}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response start(@PathParam("name") String name, JsonValue body, @Context SecurityContext security) {
        JobRecord record = launcher.start(name, parameters(body), security.getUserPrincipal().getName());
        return Response.accepted(record.shown()).build();
    }

    @Operation(summary = "Restart a failed or stopped job from its checkpoint")
    @APIResponse(responseCode = "202", description = "Restarted",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Job")))
    @POST
    @Path("/{id}/restart")
    public Response restart(@PathParam("id") String id) {
        return Response.accepted(launcher.restart(id).shown()).build();
    }

    /** The body's string members; no body at all means no parameters. */
    private static Map<String, String> parameters(JsonValue body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (body == null || body == JsonValue.NULL) {
            return parameters;
        }
        if (!(body instanceof JsonObject json)) {
            throw InvalidInputException.of("body", "must be a JSON object of job parameters, e.g. {\"kind\": \"full\"}");
        }
        for (Map.Entry<String, JsonValue> member : json.entrySet()) {
            if (!(member.getValue() instanceof JsonString text)) {
                throw InvalidInputException.of(member.getKey(), "must be a string");
            }
            parameters.put(member.getKey(), text.getString());
        }
        return parameters;
    }
}
