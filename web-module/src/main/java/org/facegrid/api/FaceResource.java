package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Providers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.recognition.EnrolledFace;
import org.facegrid.recognition.FaceEnrolment;

import java.io.InputStream;
import java.util.List;

/**
 * A person's faces: enrol from a photo (raw image body, JSON with base64, or multipart/form-data), list, delete.
 * {@code ?pick=largest} enrols the largest face of a photo with several.
 */
@ApplicationScoped
@Path("/persons/{personId}/faces")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class FaceResource {

    @EJB
    FaceEnrolment enrolment;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Context
    Providers providers;

    @Context
    ResourceInfo endpoint;

    @Operation(summary = "Enrol a face of a person from a photo")
    @RequestBody(ref = "Image")
    @APIResponse(responseCode = "201", description = "The face enrolled",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "EnrolledFace")))
    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Consumes({"image/jpeg", "image/png", "image/webp", MediaType.APPLICATION_OCTET_STREAM,
            MediaType.APPLICATION_JSON, MediaType.MULTIPART_FORM_DATA})
    @Parameter(in = ParameterIn.QUERY, name = "pick", schema = @Schema(type = SchemaType.STRING),
            description = "largest: enrol the largest face of a photo with several")
    public Response enrol(@PathParam("personId") String personId, InputStream body) {
        ImageRequest request = ImageRequest.of(headers, body, uri, providers, endpoint, ImageRequest.ONE_IMAGE);
        String pick = request.field("pick");
        if (pick != null && !pick.equals("largest")) {
            throw InvalidInputException.of("pick", "can only be 'largest', not '" + pick + "'");
        }
        EnrolledFace face = enrolment.enrol(personId, request.image(), pick != null);
        return Response.created(uri.getAbsolutePathBuilder().path(face.faceId()).replaceQuery(null).build())
                .entity(FaceJson.enrolled(face)).build();
    }

    /**
     * Templates from descriptors made elsewhere: {@code {"descriptors": [[128 numbers], ...]}}, up to 32 per call
     * (admin only). All are checked before any is stored.
     */
    @Operation(summary = "Import face templates made elsewhere")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "Descriptors")))
    @APIResponse(responseCode = "201", description = "The faces stored",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "EnrolledFacePage")))
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("/descriptors")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importDescriptors(@PathParam("personId") String personId, JsonValue body) {
        BodyFields.only(body instanceof JsonObject object ? object : null, "descriptors");
        if (!(body instanceof JsonObject json) || !(json.get("descriptors") instanceof JsonArray list)
                || list.isEmpty() || list.size() > 32) {
            throw InvalidInputException.of("descriptors", "is required: {\"descriptors\": [[128 numbers], ...]}, 1 to 32 of them");
        }
        List<float[]> descriptors = new java.util.ArrayList<>();
        for (int d = 0; d < list.size(); d++) {
            if (!(list.get(d) instanceof JsonArray array)) {
                throw InvalidInputException.of("descriptors[" + d + "]", "must be an array of numbers");
            }
            float[] descriptor = new float[array.size()];
            for (int i = 0; i < descriptor.length; i++) {
                if (!(array.get(i) instanceof JsonNumber n)) {
                    throw InvalidInputException.of("descriptors[" + d + "][" + i + "]", "must be a number");
                }
                descriptor[i] = (float) n.doubleValue();
            }
            descriptors.add(descriptor);
        }
        List<EnrolledFace> faces = enrolment.importTemplates(personId, descriptors);
        return Response.status(Response.Status.CREATED).entity(FaceJson.enrolledList(faces)).build();
    }

    @Operation(summary = "List a person's enrolled faces")
    @APIResponse(responseCode = "200", description = "The person's faces",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "EnrolledFacePage")))
    @GET
    public JsonObject list(@PathParam("personId") String personId, @QueryParam("offset") String offset,
                           @QueryParam("limit") String limit) {
        return ListPage.of(enrolment.faces(personId), offset, limit, FaceJson::enrolled);
    }

    @Operation(summary = "Delete an enrolled face")
    @APIResponse(responseCode = "204", description = "Deleted")
    @DELETE
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Path("/{faceId}")
    public Response delete(@PathParam("personId") String personId, @PathParam("faceId") String faceId) {
        enrolment.deleteFace(personId, faceId);
        return Response.noContent().build();
    }
}
