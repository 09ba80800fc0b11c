package org.facegrid.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Providers;
import org.facegrid.json.JsonFactory;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.problem.TooLargeException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An image and its parameters, in any of the three forms the API takes: the raw image as the body
 * (parameters in the query), JSON {@code {"image": "<base64>", ...parameters}}, or multipart/form-data with
 * an {@code image} part and one part per parameter. Verification also takes a second image, {@code image2}.
 * Bodies are read with a limit, so an oversized one is a 413 after at most limit + 1 bytes, never a server
 * out of memory.
 */
record ImageRequest(Map<String, byte[]> images, Map<String, String> fields) {
    /** The engine's image limit (facegrid.image.max-bytes): the body is cut off here, before it is all read. */
    static final int MAX_IMAGE_BYTES = (int) Math.min(Integer.MAX_VALUE - 8, org.facegrid.recognition.FaceEngine.LIMITS.maxBytes());
    /** Base64 takes 4 bytes for every 3, plus room for the other fields. */
    static final int MAX_JSON_BYTES = (int) Math.min(Integer.MAX_VALUE - 8, MAX_IMAGE_BYTES / 3L * 4 + 64 * 1024);

    private static final Type PARTS = new GenericType<List<EntityPart>>() { }.getType();
    private static final Annotation[] NO_ANNOTATIONS = new Annotation[0];

    /**
     * Reads the request in whichever form its Content-Type names.
     *
     * @param endpoint the resource method: the parameters it takes are its documented query parameters, which a
     *                 JSON body or a form may carry as well; any other field or form part is refused, naming it
     * @param images   the names of the images it takes: {@code image}, and {@code image2} for verification
     */
    static ImageRequest of(HttpHeaders headers, InputStream body, UriInfo uri, Providers providers,
                           ResourceInfo endpoint, Set<String> images) {
        Set<String> parameters = QueryParameterCheck.declared(endpoint.getResourceMethod());
        Accepted accepted = new Accepted(parameters, images);
        MediaType type = headers.getMediaType();
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return json(body, query, accepted);
        }
        if (type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            MessageBodyReader<List> reader = providers.getMessageBodyReader(List.class, PARTS, NO_ANNOTATIONS, type);
            try {
                @SuppressWarnings("unchecked")
                List<EntityPart> parts = reader.readFrom(List.class, PARTS, NO_ANNOTATIONS, type,
                        headers.getRequestHeaders(), body);
                return multipart(parts, query, accepted);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the form", e);
            }
        }
        return raw(body, query);
    }

    private static ImageRequest raw(InputStream body, MultivaluedMap<String, String> query) {
        Map<String, String> fields = firstValues(query);
        return new ImageRequest(Map.of("image", read(body, MAX_IMAGE_BYTES, "image_too_large")), fields);
    }

    /** The images of every endpoint but verification. */
    static final Set<String> ONE_IMAGE = Set.of("image");

    /** What an endpoint takes besides the raw body; every other name is refused. */
    private record Accepted(Set<String> parameters, Set<String> images) {
        void check(String name, String as) {
            if (!parameters.contains(name) && !images.contains(name)) {
                throw InvalidInputException.of(name, "is not " + as + " this endpoint takes; it takes "
                        + String.join(" and ", images) + " (the image" + (images.size() > 1 ? "s" : "") + ")"
                        + (parameters.isEmpty() ? "" : " and the parameters " + String.join(", ", parameters)));
            }
        }
    }

    private static ImageRequest json(InputStream body, MultivaluedMap<String, String> query, Accepted accepted) {
        byte[] bytes = read(body, MAX_JSON_BYTES, "body_too_large");
        JsonValue value;
        try (JsonReader reader = JsonFactory.createReader(new ByteArrayInputStream(bytes))) {
            value = reader.readValue();
        }
        if (!(value instanceof JsonObject object)) {
            throw InvalidInputException.of("body", "must be a JSON object with an \"image\" field");
        }
        Map<String, String> fields = firstValues(query);
        Map<String, byte[]> images = new HashMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            accepted.check(entry.getKey(), "a field");
            String text = entry.getValue() instanceof JsonString s ? s.getString() : entry.getValue().toString();
            if (accepted.images().contains(entry.getKey())) {
                if (!(entry.getValue() instanceof JsonString)) {
                    throw InvalidInputException.of(entry.getKey(), "must be a base64 string");
                }
                images.put(entry.getKey(), base64(entry.getKey(), text));
            } else {
                fields.put(entry.getKey(), text);
            }
        }
        if (!images.containsKey("image")) {
            throw InvalidInputException.of("image", "is required (the image as base64)");
        }
        return new ImageRequest(images, fields);
    }

    private static ImageRequest multipart(List<EntityPart> parts, MultivaluedMap<String, String> query,
                                          Accepted accepted) {
        Map<String, String> fields = firstValues(query);
        Map<String, byte[]> images = new HashMap<>();
        for (EntityPart part : parts) {
            accepted.check(part.getName(), "a form part");  // before it is read: a misnamed photo is no 413
            if (accepted.images().contains(part.getName())) {
                images.put(part.getName(), read(part.getContent(), MAX_IMAGE_BYTES, "image_too_large",
                        "form part '" + part.getName() + "'"));
            } else {
                fields.put(part.getName(), new String(read(part.getContent(), 4096, "field_too_large",
                        "form field '" + part.getName() + "'")).strip());
            }
        }
        if (!images.containsKey("image")) {
            throw InvalidInputException.of("image", "is required (a form part named \"image\")");
        }
        return new ImageRequest(images, fields);
    }

    /** Query parameters as fields; body fields of the same name replace them. */
    private static Map<String, String> firstValues(MultivaluedMap<String, String> query) {
        Map<String, String> fields = new HashMap<>();
        query.forEach((name, values) -> fields.put(name, values.get(0)));
        return fields;
    }

    byte[] image() {
        return images.get("image");
    }

    /** A second image, as verification takes; null when not sent. */
    byte[] image2() {
        return images.get("image2");
    }

    String field(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() || value.equals("null") ? null : value.strip();
    }

    Float floatField(String name) {
        return QueryParams.number(name, field(name));
    }

    Integer intField(String name) {
        return QueryParams.integer(name, field(name));
    }

    Boolean booleanField(String name) {
        return QueryParams.bool(name, field(name));
    }

    private static byte[] base64(String field, String text) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field, "is not valid base64: " + e.getMessage());
        }
    }

    /** Reads at most limit bytes; one more is a 413 with the given code. */
    static byte[] read(InputStream in, int limit, String code) {
        return read(in, limit, code, "the body");
    }

    /** @param what what is read, as the refusal names it ("the body", "form field 'threshold'") */
    static byte[] read(InputStream in, int limit, String code, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > limit) {
                    throw new TooLargeException(code, what + " is larger than the limit of " + limit + " bytes", limit);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        return out.toByteArray();
    }
}
