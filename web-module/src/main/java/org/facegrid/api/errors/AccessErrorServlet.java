package org.facegrid.api.errors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.facegrid.json.JsonFactory;

import java.io.IOException;

/**
 * The body of the container's own 401 and 403 (no or wrong credentials; a user with no FaceGrid role):
 * the usual {@code {code, message, details}} JSON. The WWW-Authenticate challenge stays as the container set it.
 */
@WebServlet("/errors/access")
public class AccessErrorServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        boolean unauthorized = !Integer.valueOf(403).equals(status);
        response.setStatus(unauthorized ? 401 : 403);
        response.setContentType("application/json");
        response.getWriter().write(JsonFactory.createObjectBuilder()
                .add("code", unauthorized ? "unauthorized" : "forbidden")
                .add("message", unauthorized
                        ? "send the credentials of a FaceGrid user (HTTP Basic); 'facegrid credentials' prints the admin's"
                        : "this user has no FaceGrid role (admin, operator or viewer)")
                .add("details", JsonFactory.createArrayBuilder())
                .build().toString());
    }
}
