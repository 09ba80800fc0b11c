package org.facegrid.storage;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.facegrid.json.JsonFactory;
import org.facegrid.problem.ConflictException;
import org.facegrid.problem.ProblemException;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code /internal/objects/KEY}: this node's own copy of an object, for the other nodes of the cluster (local
 * mode keeps objects on the node that received them). GET answers the bytes this node holds (404 when it holds
 * none: it never asks further, so two nodes cannot ask each other in a loop), PUT stores a copy here, DELETE
 * removes this node's copy. Only callers presenting the cluster key (header
 * {@value ObjectPeers#KEY_HEADER}) are served; outside the /api security constraint because nodes have no user.
 */
@WebServlet(urlPatterns = "/internal/objects/*")
public class InternalObjectServlet extends HttpServlet {
    private static final int MAX_SIZE = (int) ObjectStore.MAX_SIZE;

    @Inject
    NodeCopies copies;

    @Inject
    StorageSettings settings;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!settings.isClusterKey(request.getHeader(ObjectPeers.KEY_HEADER))) {
            problem(response, 403, "forbidden", "only the nodes of this cluster may use /internal/objects");
            return;
        }
        String key = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        try {
            switch (request.getMethod()) {
                case "GET" -> get(key, response);
                case "PUT" -> put(key, request, response);
                case "DELETE" -> {
                    if (copies.deleteOwnCopy(key)) {
                        response.setStatus(204);
                    } else {
                        problem(response, 404, "not_found", "this node holds no object " + key);
                    }
                }
                default -> problem(response, 405, "method_not_allowed", "GET, PUT or DELETE");
            }
        } catch (ProblemException e) {
            problem(response, e instanceof ConflictException ? 409 : 400, e.code(), e.getMessage());
        }
    }

    private void get(String key, HttpServletResponse response) throws IOException {
        Optional<ObjectPeers.Fetched> own = copies.ownCopy(key);
        if (own.isEmpty()) { // JSON, so the asking node can tell it from a 404 of an application still deploying
            problem(response, 404, "not_found", "this node holds no object " + key);
            return;
        }
        response.setStatus(200);
        response.setContentType(own.get().contentType());
        response.setContentLength(own.get().bytes().length);
        response.getOutputStream().write(own.get().bytes());
    }

    private void put(String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_SIZE + 1);
        if (bytes.length > MAX_SIZE) {
            problem(response, 413, "object_too_large", "an object holds at most " + MAX_SIZE + " bytes");
            return;
        }
        copies.storeOwnCopy(key, bytes);
        response.setStatus(204);
    }

    static void problem(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(JsonFactory.createObjectBuilder().add("code", code).add("message", message)
                .add("details", JsonFactory.createArrayBuilder()).build().toString());
    }
}
