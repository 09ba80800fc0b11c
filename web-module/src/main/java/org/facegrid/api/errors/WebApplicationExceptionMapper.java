package org.facegrid.api.errors;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;

/**
 * Errors JAX-RS raises itself (unknown path, wrong method, unsupported media type, unreadable body) get the
 * same JSON body as FaceGrid's own.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        if (causedByMalformedJson(exception)) {
            return MalformedJsonMapper.malformed(exception);
        }
        String code = switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "server_error" : "bad_request";
        };
        String message = switch (status) {
            case 401 -> "send the credentials of a FaceGrid user (HTTP Basic)";
            case 403 -> "this user's role may not do this (viewers read; operators also enrol and recognise; "
                    + "admins do everything)";
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 415 -> "this endpoint does not take that Content-Type (JSON endpoints take application/json; image "
                    + "endpoints take image/jpeg, image/png, application/json with base64, or multipart/form-data)";
            default -> exception.getMessage();
        };
        return ErrorBody.response(status, code, message, List.of(Map.of("status", String.valueOf(status))));
    }

    private static boolean causedByMalformedJson(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof JsonException || c instanceof JsonbException) {
                return true;
            }
        }
        return false;
    }
}
