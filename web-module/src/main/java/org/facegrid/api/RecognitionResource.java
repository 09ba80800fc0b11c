package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
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
import org.facegrid.recognition.FaceRecognition;
import org.facegrid.recognition.RecognitionOptions;
import org.facegrid.recognition.Verification;

import java.io.InputStream;
import java.util.Set;

/**
 * Recognition (every face with the persons it matches), verification (one face against another image or a
 * person) and detection (faces only). Each takes the image as the raw body, as JSON with base64, or as
 * multipart/form-data; parameters threshold, maxFaces, maxMatches, and for verification image2 or personId.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes({"image/jpeg", "image/png", "image/webp", MediaType.APPLICATION_OCTET_STREAM,
        MediaType.APPLICATION_JSON, MediaType.MULTIPART_FORM_DATA})
@ApplicationScoped
@Path("/")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class RecognitionResource {
    @EJB
    FaceRecognition recognition;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Context
    Providers providers;

    @Context
    ResourceInfo endpoint;

    @Operation(summary = "Recognise every face of a photo")
    @RequestBody(ref = "Image")
    @APIResponse(responseCode = "200", description = "Every face with its matches",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Recognition")))
    @POST
    @Path("recognitions")
    @Parameter(in = ParameterIn.QUERY, name = "threshold", schema = @Schema(type = SchemaType.NUMBER))
    @Parameter(in = ParameterIn.QUERY, name = "maxFaces", schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(in = ParameterIn.QUERY, name = "maxMatches", schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(in = ParameterIn.QUERY, name = "feedId", schema = @Schema(type = SchemaType.STRING),
            description = "Records the recognition as an event of this feed")
    @Parameter(in = ParameterIn.QUERY, name = "storeEvent", schema = @Schema(type = SchemaType.BOOLEAN),
            description = "true: record an event even without feedId")
    public JsonObject recognise(InputStream body) {
        ImageRequest request = ImageRequest.of(headers, body, uri, providers, endpoint, ImageRequest.ONE_IMAGE);
        RecognitionOptions options = RecognitionOptions.of(request.floatField("threshold"),
                request.intField("maxFaces"), request.intField("maxMatches"));
        return FaceJson.recognitions(recognition.recognise(request.image(), options, request.field("feedId"),
                request.booleanField("storeEvent")));
    }

    @Operation(summary = "Detect the faces of a photo")
    @RequestBody(ref = "Image")
    @APIResponse(responseCode = "200", description = "The faces",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Detections")))
    @POST
    @Path("detections")
    @Parameter(in = ParameterIn.QUERY, name = "maxFaces", schema = @Schema(type = SchemaType.INTEGER))
    public JsonObject detect(InputStream body) {
        ImageRequest request = ImageRequest.of(headers, body, uri, providers, endpoint, ImageRequest.ONE_IMAGE);
        RecognitionOptions options = RecognitionOptions.of(null, request.intField("maxFaces"), null);
        return FaceJson.detections(recognition.detect(request.image(), options.maxFaces()));
    }

    /** image against image2, or image against the enrolled faces of personId: exactly one of the two. */
    @Operation(summary = "Verify a face against another photo or a person")
    @RequestBody(ref = "Image")
    @APIResponse(responseCode = "200", description = "Whether the faces match",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Verification")))
    @POST
    @Path("verifications")
    @Parameter(in = ParameterIn.QUERY, name = "threshold", schema = @Schema(type = SchemaType.NUMBER))
    @Parameter(in = ParameterIn.QUERY, name = "personId", schema = @Schema(type = SchemaType.STRING),
            description = "Verify against this person's enrolled faces instead of a second image")
    public JsonObject verify(InputStream body) {
        ImageRequest request = ImageRequest.of(headers, body, uri, providers, endpoint, Set.of("image", "image2"));
        float threshold = RecognitionOptions.of(request.floatField("threshold"), null, null).threshold();
        String personId = request.field("personId");
        if ((personId == null) == (request.image2() == null)) {
            throw InvalidInputException.of("image2", "or personId: send exactly one, the face to compare with");
        }
        Verification result = personId == null
                ? recognition.verify(request.image(), request.image2(), threshold)
                : recognition.verify(request.image(), personId, threshold);
        return FaceJson.verification(result, personId);
    }
}
