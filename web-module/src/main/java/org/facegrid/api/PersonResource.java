package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.facegrid.directory.Person;
import org.facegrid.directory.PersonDirectory;
import org.facegrid.directory.PersonQuery;
import org.facegrid.recognition.FaceEnrolment;

/** Persons: create, read, replace (PUT), change (PATCH), delete (with their faces), and list with paging and a name filter. */
@ApplicationScoped
@Path("/persons")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class PersonResource {

    @EJB
    PersonDirectory directory;

    @EJB
    FaceEnrolment enrolment;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonValue body, @Context UriInfo uri) {
        Person person = directory.create(PersonJson.readDraft(body));
        return Response.created(uri.getAbsolutePathBuilder().path(person.id()).build())
                .entity(PersonJson.write(person)).build();
    }

    @GET
    @Path("/{id}")
    public JsonObject get(@PathParam("id") String id) {
        return PersonJson.write(directory.get(id));
    }

    /** Replaces every writable field: one left out (watchlists too) is empty afterwards. */
    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject replace(@PathParam("id") String id, JsonValue body) {
        return PersonJson.write(directory.update(id, PersonJson.readDraft(body)));
    }

    /** Changes only the fields the body names (a JSON merge patch: null clears one). */
    @PATCH
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public JsonObject change(@PathParam("id") String id, JsonValue body) {
        return PersonJson.write(directory.update(id, PersonJson.readPatch(body, directory.get(id))));
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("/{id}")
    public Response delete(@PathParam("id") String id, @QueryParam("purgeEvents") String purgeEvents) {
        enrolment.deletePerson(id, Boolean.TRUE.equals(QueryParams.bool("purgeEvents", purgeEvents)));
        return Response.noContent().build();
    }

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
