package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.recognition.FaceRecognition;
import org.facegrid.recognition.RecognitionOptions;
import org.facegrid.recognition.Verification;

import java.io.InputStream;
import java.util.List;

/**
 * Recognition (every face with the persons it matches), verification (one face against another image or a
 * person) and detection (faces only). Each takes the image as the raw body, as JSON with base64, or as
 * multipart/form-data; parameters threshold, maxFaces, maxMatches, and for verification image2 or personId.
 */
@Produces(MediaType.APPLICATION_JSON)
@Path("/")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class RecognitionResource {
    @EJB
    FaceRecognition recognition;

    @Context
    UriInfo uri;

    @POST
    @Path("recognitions")
    @Consumes({"image/jpeg", "image/png", "image/webp", "image/bmp", "image/gif", MediaType.APPLICATION_OCTET_STREAM})
    public JsonObject recogniseRaw(InputStream body) {
        return recognise(ImageRequest.raw(body, uri.getQueryParameters()));
    }

    @POST
    @Path("recognitions")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject recogniseJson(InputStream body) {
        return recognise(ImageRequest.json(body, uri.getQueryParameters()));
    }

    @POST
    @Path("recognitions")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public JsonObject recogniseMultipart(List<EntityPart> parts) {
        return recognise(ImageRequest.multipart(parts, uri.getQueryParameters()));
    }

    @POST
    @Path("detections")
    @Consumes({"image/jpeg", "image/png", "image/webp", "image/bmp", "image/gif", MediaType.APPLICATION_OCTET_STREAM})
    public JsonObject detectRaw(InputStream body) {
        return detect(ImageRequest.raw(body, uri.getQueryParameters()));
    }

    @POST
    @Path("detections")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject detectJson(InputStream body) {
        return detect(ImageRequest.json(body, uri.getQueryParameters()));
    }

    @POST
    @Path("detections")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public JsonObject detectMultipart(List<EntityPart> parts) {
        return detect(ImageRequest.multipart(parts, uri.getQueryParameters()));
    }

    @POST
    @Path("verifications")
    @Consumes({"image/jpeg", "image/png", "image/webp", "image/bmp", "image/gif", MediaType.APPLICATION_OCTET_STREAM})
    public JsonObject verifyRaw(InputStream body) {
        return verify(ImageRequest.raw(body, uri.getQueryParameters()));
    }

    @POST
    @Path("verifications")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject verifyJson(InputStream body) {
        return verify(ImageRequest.json(body, uri.getQueryParameters()));
    }

    @POST
    @Path("verifications")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public JsonObject verifyMultipart(List<EntityPart> parts) {
        return verify(ImageRequest.multipart(parts, uri.getQueryParameters()));
    }

    /** image against image2, or image against the enrolled faces of personId: exactly one of the two. */
    private JsonObject verify(ImageRequest request) {
        float threshold = RecognitionOptions.of(request.floatField("threshold"), null, null).threshold();
        String personId = request.field("personId");
        if ((personId == null) == (request.image2() == null)) {
            throw InvalidInputException.of("image2", "or personId: send exactly one, the face to compare with");
        }
        Verification result = personId == null
                ? recognition.verify(request.image(), request.image2(), threshold)
                : recognition.verify(request.image(), personId, threshold);
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("match", result.match())
                .add("distance", Math.round(result.distance() * 1e4) / 1e4)
                .add("similarity", Math.round(result.similarity() * 1e4) / 1e4)
                .add("threshold", result.threshold());
        if (result.faceId() != null) {
            json.add("personId", personId).add("faceId", result.faceId());
        }
        return json.build();
    }

    private JsonObject recognise(ImageRequest request) {
        RecognitionOptions options = RecognitionOptions.of(request.floatField("threshold"),
                request.intField("maxFaces"), request.intField("maxMatches"));
        FaceRecognition.Recognition result = recognition.recognise(request.image(), options,
                request.field("feedId"), request.booleanField("storeEvent"));
        return FaceJson.recognitions(result);
    }

    private JsonObject detect(ImageRequest request) {
        RecognitionOptions options = RecognitionOptions.of(null, request.intField("maxFaces"), null);
        return FaceJson.detections(recognition.detect(request.image(), options.maxFaces()));
    }
}
