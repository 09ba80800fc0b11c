package org.facegrid.api.errors;

import jakarta.json.JsonException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;

/**
 * A body that is not JSON at all, or is cut off, is the caller's mistake: 400, never 500. JAX-RS reports it as
 * a ProcessingException (the JSON-B reader failed) or a JsonException (the JSON-P reader failed).
 */
public final class MalformedJsonMapper {
    private MalformedJsonMapper() {
    }

    static Response malformed(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String parserSays = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return ErrorBody.response(400, "malformed_json", "the request body is not valid JSON",
                List.of(Map.of("parser", parserSays)));
    }

    @Provider
    public static class FromProcessing implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException exception) {
            return malformed(exception);
        }
    }

    @Provider
    public static class FromJsonP implements ExceptionMapper<JsonException> {
        @Override
        public Response toResponse(JsonException exception) {
            return malformed(exception);
        }
    }
}
