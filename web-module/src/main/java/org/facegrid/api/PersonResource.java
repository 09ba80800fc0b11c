package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.facegrid.directory.Person;
import org.facegrid.directory.PersonDirectory;
import org.facegrid.directory.PersonQuery;
import org.facegrid.recognition.FaceEnrolment;

/**
 * Persons: create, read, replace (PUT), change (PATCH), delete (with their faces), and list with paging and a
 * name filter.
 */
@ApplicationScoped
@Path("/persons")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class PersonResource {

    @EJB
    PersonDirectory directory;

    @EJB
    FaceEnrolment enrolment;

    @Operation(summary = "Create a person")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "PersonInput")))
    @APIResponse(responseCode = "201", description = "Created (Location: the person)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Person")))
    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonValue body, @Context UriInfo uri) {
        Person person = directory.create(PersonJson.readDraft(body));
        return Response.created(uri.getAbsolutePathBuilder().path(person.id()).build())
                .entity(PersonJson.write(person)).build();
    }

    @Operation(summary = "Read a person")
    @APIResponse(responseCode = "200", description = "The person",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Person")))
    @GET
    @Path("/{id}")
    public JsonObject get(@PathParam("id") String id) {
        return PersonJson.write(directory.get(id));
    }

    /** Replaces every writable field: one left out (watchlists too) is empty afterwards. */
    @Operation(summary = "Replace a person (every writable field)")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "PersonInput")))
    @APIResponse(responseCode = "200", description = "The person now",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Person")))
    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject replace(@PathParam("id") String id, JsonValue body) {
        return PersonJson.write(directory.update(id, PersonJson.readDraft(body)));
    }

    /** Changes only the fields the body names (a JSON merge patch: null clears one). */
    @Operation(summary = "Change some fields of a person (JSON merge patch)")
    @RequestBody(content = @Content(mediaType = "application/merge-patch+json", schema = @Schema(ref = "PersonInput")))
    @APIResponse(responseCode = "200", description = "The person now",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Person")))
    @PATCH
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public JsonObject change(@PathParam("id") String id, JsonValue body) {
        return PersonJson.write(directory.update(id, PersonJson.readPatch(body, directory.get(id))));
    }

    @Operation(summary = "Delete a person with their faces (and events if asked)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("/{id}")
    public Response delete(@PathParam("id") String id, @QueryParam("purgeEvents") String purgeEvents) {
        enrolment.deletePerson(id, Boolean.TRUE.equals(QueryParams.bool("purgeEvents", purgeEvents)));
        return Response.noContent().build();
    }

    @Operation(summary = "List persons, by name, paged")
    @APIResponse(responseCode = "200", description = "One page of persons",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "PersonPage")))
    @GET
    public JsonObject list(@QueryParam("name") String name,
                           @QueryParam("offset") String offset,
                           @QueryParam("limit") String limit) {
        Integer from = QueryParams.integer("offset", offset, 0, Integer.MAX_VALUE);
        Integer size = QueryParams.integer("limit", limit, 1, PersonQuery.MAX_LIMIT);
        PersonQuery query = new PersonQuery(name, from == null ? 0 : from, size == null ? PersonQuery.DEFAULT_LIMIT : size);
        return PersonJson.write(directory.list(query));
    }
}
