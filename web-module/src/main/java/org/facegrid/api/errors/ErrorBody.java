package org.facegrid.api.errors;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.facegrid.json.JsonFactory;

import java.util.List;
import java.util.Map;

/** The body of every error response: {@code {"code", "message", "details"}}. */
final class ErrorBody {
    private ErrorBody() {
    }

    static Response response(int status, String code, String message, List<Map<String, String>> details) {
        JsonArrayBuilder list = JsonFactory.createArrayBuilder();
        for (Map<String, String> detail : details) {
            JsonObjectBuilder entry = JsonFactory.createObjectBuilder();
            detail.forEach(entry::add);
            list.add(entry);
        }
        JsonObject body = JsonFactory.createObjectBuilder()
                .add("code", code)
                .add("message", message == null ? code : message)
                .add("details", list)
                .build();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
