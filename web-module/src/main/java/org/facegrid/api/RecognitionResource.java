package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Providers;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.recognition.FaceRecognition;
import org.facegrid.recognition.RecognitionOptions;
import org.facegrid.recognition.Verification;

import java.io.InputStream;

/**
 * Recognition (every face with the persons it matches), verification (one face against another image or a
 * person) and detection (faces only). Each takes the image as the raw body, as JSON with base64, or as
 * multipart/form-data; parameters threshold, maxFaces, maxMatches, and for verification image2 or personId.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes({"image/jpeg", "image/png", "image/webp", "image/bmp", "image/gif", MediaType.APPLICATION_OCTET_STREAM,
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

    @POST
    @Path("recognitions")
    public JsonObject recognise(InputStream body) {
        ImageRequest request = ImageRequest.of(headers, body, uri, providers);
        RecognitionOptions options = RecognitionOptions.of(request.floatField("threshold"),
                request.intField("maxFaces"), request.intField("maxMatches"));
        return FaceJson.recognitions(recognition.recognise(request.image(), options, request.field("feedId"),
                request.booleanField("storeEvent")));
    }

    @POST
    @Path("detections")
    public JsonObject detect(InputStream body) {
        ImageRequest request = ImageRequest.of(headers, body, uri, providers);
        RecognitionOptions options = RecognitionOptions.of(null, request.intField("maxFaces"), null);
        return FaceJson.detections(recognition.detect(request.image(), options.maxFaces()));
    }

    /** image against image2, or image against the enrolled faces of personId: exactly one of the two. */
    @POST
    @Path("verifications")
    public JsonObject verify(InputStream body) {
        ImageRequest request = ImageRequest.of(headers, body, uri, providers);
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
