package org.facegrid.storage;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /internal/storage-probe?dir=DIR&token=T}: this node writes its probe file into DIR, for
 * {@link SharedDirectoryProbe} on the node that starts a migration. 204 when written, 409 with the reason when
 * not. Cluster key only, like {@code /internal/objects}.
 */
@WebServlet(urlPatterns = SharedDirectoryProbe.PATH)
public class InternalStorageProbeServlet extends HttpServlet {
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f-]{36}");

    @Inject
    StorageSettings settings;

    @Inject
    SharedDirectoryProbe probe;

    @Inject
    ObjectPeers peers;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!settings.isClusterKey(request.getHeader(ObjectPeers.KEY_HEADER))) {
            InternalObjectServlet.problem(response, 403, "forbidden", "only the nodes of this cluster may probe");
            return;
        }
        String dir = request.getParameter("dir");
        String token = request.getParameter("token");
        if (dir == null || !Path.of(dir).isAbsolute() || token == null || !TOKEN.matcher(token).matches()) {
            InternalObjectServlet.problem(response, 400, "invalid_input", "dir (absolute) and token are required");
            return;
        }
        Optional<String> problem = probe.writeProbe(Path.of(dir), peers.self(), token);
        if (problem.isPresent()) {
            InternalObjectServlet.problem(response, 409, "not_writable", problem.get());
        } else {
            response.setStatus(204);
        }
    }
}
