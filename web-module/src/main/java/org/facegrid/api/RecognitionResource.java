package org.facegrid.api;

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
import org.facegrid.recognition.FaceRecognition;
import org.facegrid.recognition.RecognitionOptions;

import java.io.InputStream;
import java.util.List;

/**
 * Recognition (every face with the persons it matches) and detection (faces only). Each takes the image as
 * the raw body, as JSON with base64, or as multipart/form-data; parameters threshold, maxFaces, maxMatches.
 */
@Produces(MediaType.APPLICATION_JSON)
@Path("/")
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

    private JsonObject recognise(ImageRequest request) {
        RecognitionOptions options = RecognitionOptions.of(request.floatField("threshold"),
                request.intField("maxFaces"), request.intField("maxMatches"));
        return FaceJson.recognitions(recognition.recognise(request.image(), options));
    }

    private JsonObject detect(ImageRequest request) {
        RecognitionOptions options = RecognitionOptions.of(null, request.intField("maxFaces"), null);
        return FaceJson.detections(recognition.detect(request.image(), options.maxFaces()));
    }
}
