package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.facegrid.events.Event;
import org.facegrid.events.EventJson;
import org.facegrid.events.EventLog;
import org.facegrid.events.EventPage;
import org.facegrid.events.EventQuery;
import org.facegrid.json.JsonFactory;
import org.facegrid.problem.NotFoundException;
import org.facegrid.storage.ObjectStore;

/**
 * Recorded recognitions, newest first: filtered by time range (since, until), personId, feedId, matched
 * (true: a face matched; false: a face was unknown) and alert, paged with the cursor each page returns.
 * {@code /alerts} is the same list restricted to alerts.
 */
@ApplicationScoped
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class EventResource {
    @Inject
    EventLog log;

    @Inject
    ObjectStore objects;

    @Operation(summary = "List events, newest first, by time, person, feed, match or alert")
    @APIResponse(responseCode = "200", description = "One page of events",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "EventPage")))
    @GET
    @Path("events")
    public JsonObject list(@QueryParam("since") String since, @QueryParam("until") String until,
                           @QueryParam("personId") String personId, @QueryParam("feedId") String feedId,
                           @QueryParam("matched") String matched, @QueryParam("unknown") String unknown,
                           @QueryParam("alert") String alert,
                           @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return page(EventQuery.of(QueryParams.time("since", since), QueryParams.time("until", until), personId,
                feedId, QueryParams.bool("matched", matched), QueryParams.bool("unknown", unknown),
                QueryParams.bool("alert", alert), limit(limit), cursor, System.currentTimeMillis()));
    }

    @Operation(summary = "List alerts, newest first")
    @APIResponse(responseCode = "200", description = "One page of alerts",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "EventPage")))
    @GET
    @Path("alerts")
    public JsonObject alerts(@QueryParam("since") String since, @QueryParam("until") String until,
                             @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return page(EventQuery.of(QueryParams.time("since", since), QueryParams.time("until", until), null, null,
                null, null, true, limit(limit), cursor, System.currentTimeMillis()));
    }

    @Operation(summary = "Read an event")
    @APIResponse(responseCode = "200", description = "The event",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Event")))
    @GET
    @Path("events/{id}")
    public JsonObject get(@PathParam("id") String id) {
        return EventJson.write(event(id));
    }

    @Operation(summary = "Download an event's face crop")
    @APIResponse(responseCode = "200", description = "The event's face crop",
            content = @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @GET
    @Path("events/{id}/image")
    @Produces(MediaType.WILDCARD)
    public Response image(@PathParam("id") String id) {
        Event event = event(id);
        if (event.imageKey() == null) {
            throw new NotFoundException("event_image", id);
        }
        ObjectStore.StoredObject image = objects.get(event.imageKey())
                .orElseThrow(() -> new NotFoundException("event_image", id));
        return Response.ok(image.bytes(), image.record().contentType()).build();
    }

    private static Integer limit(String limit) {
        return QueryParams.integer("limit", limit, 1, EventQuery.MAX_LIMIT);
    }

    private Event event(String id) {
        return log.find(id).orElseThrow(() -> new NotFoundException("event", id));
    }

    private JsonObject page(EventQuery query) {
        EventPage page = log.list(query);
        JsonArrayBuilder items = JsonFactory.createArrayBuilder();
        page.items().forEach(e -> items.add(EventJson.write(e)));
        JsonObjectBuilder json = JsonFactory.createObjectBuilder().add("items", items);
        if (page.nextCursor() == null) {
            json.addNull("nextCursor");
        } else {
            json.add("nextCursor", page.nextCursor());
        }
        return json.build();
    }
}
