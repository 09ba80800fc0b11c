package org.facegrid.api.errors;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.facegrid.problem.ProblemException;
import org.infinispan.partitionhandling.AvailabilityException;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else. Problems wrapped by the container are unwrapped and mapped as usual; a cluster that cannot
 * serve the data right now is a 503 the caller may retry; the rest is logged with an id the response names.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        for (Throwable c = exception; c != null; c = c.getCause()) {
            if (c instanceof ProblemException problem) {
                return new ProblemMapper().toResponse(problem);
            }
            if (c instanceof AvailabilityException) {
                return ErrorBody.response(503, "cluster_unavailable",
                        "the data is not available on this side of the cluster right now; retry later",
                        List.of(Map.of("reason", String.valueOf(c.getMessage()))));
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected error, incident " + incident, exception);
        Throwable root = exception instanceof EJBException && exception.getCause() != null
                ? exception.getCause() : exception;
        return ErrorBody.response(500, "server_error", "unexpected server error (" + root.getClass().getSimpleName()
                + "), incident " + incident, List.of(Map.of("incident", incident)));
    }
}
