package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.facegrid.events.EventQuery;
import org.facegrid.events.EventReports;
import org.facegrid.json.JsonFactory;

import java.util.List;

/** Event counts over a time range (default: the last 24 hours, at most 31 days): per person, per feed, per hour. */
@ApplicationScoped
@Path("/reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class ReportResource {
    @Inject
    EventReports reports;

    @Operation(summary = "Count events per person")
    @APIResponse(responseCode = "200", description = "Counts per person",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Report")))
    @GET
    @Path("persons")
    public JsonObject persons(@QueryParam("since") String since, @QueryParam("until") String until) {
        long[] range = range(since, until);
        return counts("personId", "name", reports.perPerson(range[0], range[1]), range);
    }

    @Operation(summary = "Count events per feed")
    @APIResponse(responseCode = "200", description = "Counts per feed",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Report")))
    @GET
    @Path("feeds")
    public JsonObject feeds(@QueryParam("since") String since, @QueryParam("until") String until) {
        long[] range = range(since, until);
        return counts("feedId", "label", reports.perFeed(range[0], range[1]), range);
    }

    @Operation(summary = "Count events per hour")
    @APIResponse(responseCode = "200", description = "Counts per hour",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Report")))
    @GET
    @Path("hours")
    public JsonObject hours(@QueryParam("since") String since, @QueryParam("until") String until) {
        long[] range = range(since, until);
        return counts("hour", "start", reports.perHour(range[0], range[1]), range);
    }

    private static long[] range(String since, String until) {
        Long to = QueryParams.time("until", until);
        long end = to == null ? System.currentTimeMillis() + 1 : to;
        Long from = QueryParams.time("since", since);
        return new long[] {from == null ? end - EventQuery.DEFAULT_RANGE.toMillis() : from, end};
    }

    private static JsonObject counts(String keyName, String labelName, List<EventReports.Count> counts, long[] range) {
        JsonArrayBuilder rows = JsonFactory.createArrayBuilder();
        long total = 0;
        for (EventReports.Count c : counts) {
            rows.add(JsonFactory.createObjectBuilder().add(keyName, c.key()).add(labelName, c.label() == null ? "" : c.label())
                    .add("count", c.count()));
            total += c.count();
        }
        return JsonFactory.createObjectBuilder()
                .add("since", java.time.Instant.ofEpochMilli(range[0]).toString())
                .add("until", java.time.Instant.ofEpochMilli(range[1]).toString())
                .add("rows", rows)
                .add("total", total)
                .build();
    }
}
