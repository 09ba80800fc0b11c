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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Consumes({"image/jpeg", "image/png", "image/webp", MediaType.APPLICATION_OCTET_STREAM,
            MediaType.APPLICATION_JSON, MediaType.MULTIPART_FORM_DATA})
    @Parameter(in = ParameterIn.QUERY, name = "pick", description = "largest: enrol the largest face of a photo with several", schema = @Schema(type = SchemaType.STRING))
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
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("/descriptors")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importDescriptors(@PathParam("personId") String personId, JsonValue body) {
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

    @GET
    public JsonObject list(@PathParam("personId") String personId, @QueryParam("offset") String offset,
                           @QueryParam("limit") String limit) {
        return ListPage.of(enrolment.faces(personId), offset, limit, FaceJson::enrolled);
    }

    @DELETE
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Path("/{faceId}")
    public Response delete(@PathParam("personId") String personId, @PathParam("faceId") String faceId) {
        enrolment.deleteFace(personId, faceId);
        return Response.noContent().build();
    }
}
