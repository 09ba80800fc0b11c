package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.facegrid.json.JsonFactory;
import org.facegrid.problem.NotFoundException;
import org.facegrid.storage.ObjectKeys;
import org.facegrid.storage.ObjectRecord;
import org.facegrid.storage.ObjectStore;

import java.io.InputStream;

/**
 * The object store: PUT stores the body under the key (any content type, up to 25 MB) and answers where it is
 * kept (local mode: {@code holders}, the data nodes whose disks hold it, and {@code homes}, those that should);
 * GET returns it with its content type, length and sha-256 (ETag and X-Content-SHA256), from whichever node
 * holds it; DELETE removes it everywhere; GET {@code /objects?prefix=} lists them.
 */
@ApplicationScoped
@Path("/objects")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class ObjectResource {
    @Inject
    ObjectStore store;

    /**
     * The objects whose key starts with {@code prefix} (all without one), in key order, paged: a folder's
     * objects are those under {@code prefix=folder/}.
     */
    @Operation(summary = "List objects by key prefix")
    @APIResponse(responseCode = "200", description = "One page of objects",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "ObjectPage")))
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject list(@QueryParam("prefix") String prefix, @QueryParam("offset") String offset,
                           @QueryParam("limit") String limit) {
        return ListPage.of(store.list(prefix == null ? "" : prefix), offset, limit, ObjectResource::json);
    }

    @Operation(summary = "Store an object")
    @RequestBody(content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "Stored; where it is kept",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "ObjectRecord")))
    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("/{key: .+}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject put(@PathParam("key") String key, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          InputStream body) {
        ObjectKeys.validated(key); // before reading up to 25 MB of body for a key the store would refuse
        byte[] bytes = ImageRequest.read(body, (int) ObjectStore.MAX_SIZE, "object_too_large");
        return json(store.put(key, contentType, bytes));
    }

    @Operation(summary = "Read an object")
    @APIResponse(responseCode = "200", description = "The object, with its content type",
            content = @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @GET
    @Path("/{key: .+}")
    public Response get(@PathParam("key") String key) {
        ObjectStore.StoredObject object = store.get(key).orElseThrow(() -> new NotFoundException("object", key));
        ObjectRecord record = object.record();
        return Response.ok(object.bytes(), record.contentType())
                .header("ETag", "\"" + record.sha256() + "\"")
                .header("X-Content-SHA256", record.sha256())
                .build();
    }

    @Operation(summary = "Delete an object everywhere")
    @APIResponse(responseCode = "204", description = "Deleted everywhere")
    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("/{key: .+}")
    public Response delete(@PathParam("key") String key) {
        if (!store.delete(key)) {
            throw new NotFoundException("object", key);
        }
        return Response.noContent().build();
    }

    private static JsonObject json(ObjectRecord record) {
        return JsonFactory.createObjectBuilder()
                .add("key", record.key())
                .add("contentType", record.contentType())
                .add("size", record.size())
                .add("sha256", record.sha256())
                .add("createdAt", JsonFactory.instant(record.createdAt()))
                .add("node", record.node() == null ? "" : record.node())
                .add("holders", JsonFactory.createArrayBuilder(record.holderList()))
                .add("homes", JsonFactory.createArrayBuilder(record.homeList()))
                .build();
    }
}
