package org.facegrid.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.facegrid.problem.ConflictException;
import org.facegrid.problem.NotFoundException;
import org.facegrid.problem.OverloadedException;
import org.facegrid.problem.ProblemException;
import org.facegrid.problem.TooLargeException;
import org.facegrid.problem.UnavailableException;
import org.facegrid.problem.UnprocessableException;
import org.facegrid.problem.WritesRefusedException;

/** Problems the services report: invalid input 400, unknown id 404, conflict 409, too large 413, no usable face 422,
 * overloaded 429 (with Retry-After). */
@Provider
public class ProblemMapper implements ExceptionMapper<ProblemException> {
    @Override
    public Response toResponse(ProblemException problem) {
        Response response = ErrorBody.response(statusOf(problem), problem.code(), problem.getMessage(), problem.details());
        if (problem instanceof OverloadedException overloaded) {
            response.getHeaders().putSingle("Retry-After", String.valueOf(overloaded.retryAfterSeconds()));
        }
        return response;
    }

    static int statusOf(ProblemException problem) {
        if (problem instanceof NotFoundException) {
            return 404;
        }
        if (problem instanceof ConflictException) {
            return 409;
        }
        if (problem instanceof TooLargeException) {
            return 413;
        }
        if (problem instanceof UnprocessableException) {
            return 422;
        }
        if (problem instanceof OverloadedException) {
            return 429;
        }
        if (problem instanceof WritesRefusedException || problem instanceof UnavailableException) {
            return 503;
        }
        return 400; // InvalidInputException and any other problem with what the caller sent
    }
}
