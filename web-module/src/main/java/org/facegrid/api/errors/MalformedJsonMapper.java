package org.facegrid.api.errors;

import jakarta.json.JsonException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;

/** A body that is not JSON at all, or is cut off, is the caller's mistake: 400, never 500. */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<JsonException> {
    @Override
    public Response toResponse(JsonException exception) {
        return malformed(exception);
    }

    static Response malformed(Throwable exception) {
        String where = "";
        for (Throwable c = exception; c != null; c = c.getCause()) {
            if (c instanceof JsonParsingException parsing && parsing.getLocation() != null) {
                where = "line " + parsing.getLocation().getLineNumber() + ", column "
                        + parsing.getLocation().getColumnNumber();
                break;
            }
        }
        return ErrorBody.response(400, "malformed_json", "the request body is not valid JSON"
                        + (where.isEmpty() ? "" : " (at " + where + ")"),
                where.isEmpty() ? List.of() : List.of(Map.of("location", where)));
    }
}
