package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.facegrid.backup.BackupArchive;
import org.facegrid.backup.BackupDirectory;
import org.facegrid.cluster.NodeIdentity;
import org.facegrid.jobs.JobLauncher;
import org.facegrid.json.JsonFactory;
import org.facegrid.problem.ConflictException;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.problem.NotFoundException;
import org.facegrid.problem.TooLargeException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * This node's backup directory: {@code GET /backups} lists its archives, {@code GET /backups/{name}}
 * downloads one, {@code PUT /backups/{name}} uploads one (to restore an archive kept elsewhere). An upload is
 * validated like a restore validates, and refused whole (422, every problem named) when it fails: nothing of
 * it stays behind.
 */
@ApplicationScoped
@Path("/backups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class BackupResource {
    @Operation(summary = "List this node's backup archives")
    @APIResponse(responseCode = "200", description = "This node's archives",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "BackupArchives")))
    @GET
    public JsonObject list() {
        JsonArrayBuilder archives = JsonFactory.createArrayBuilder();
        BackupDirectory.archives().forEach(file -> {
            try {
                archives.add(JsonFactory.createObjectBuilder().add("name", file.getFileName().toString())
                        .add("size", Files.size(file))
                        .add("modifiedAt", JsonFactory.instant(Files.getLastModifiedTime(file).toMillis())));
            } catch (IOException gone) {
                // removed while listing
            }
        });
        return JsonFactory.createObjectBuilder().add("node", NodeIdentity.fromSystemProperties().name())
                .add("directory", BackupDirectory.path().toString()).add("items", archives).build();
    }

    @Operation(summary = "Download a backup archive")
    @APIResponse(responseCode = "200", description = "The archive (application/zip)",
            content = @Content(mediaType = "application/zip",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @GET
    @Path("/{name}")
    @Produces("application/zip")
    public Response download(@PathParam("name") String name) {
        java.nio.file.Path file = existing(name);
        return Response.ok((StreamingOutput) out -> Files.copy(file, out), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    @Operation(summary = "Upload a backup archive to this node")
    @RequestBody(
            content = @Content(mediaType = "application/zip",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "Stored, validated",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "UploadedBackup")))
    @PUT
    @Path("/{name}")
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("name") String name, InputStream body) {
        checkName(name);
        java.nio.file.Path target = BackupDirectory.archive(name);
        if (Files.exists(target)) {
            throw new ConflictException("backup_exists", "backup " + name + " already exists on this node",
                    Map.of("archive", name));
        }
        java.nio.file.Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), ".upload-", ".partial");
            long limit = BackupArchive.Limits.DEFAULT.maxTotalBytes();
            try (OutputStream out = Files.newOutputStream(temp)) {
                if (copyAtMost(body, out, limit) > limit) {
                    throw new TooLargeException("backup_too_large", "a backup holds at most " + limit + " bytes", limit);
                }
            }
            JobLauncher.validate(temp, name);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            return Response.status(Response.Status.CREATED).entity(JsonFactory.createObjectBuilder()
                    .add("name", name).add("size", Files.size(target)).build()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the uploaded backup", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temp file is named .upload-*.partial and never listed
                }
            }
        }
    }

    private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0 && total <= limit; ) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static java.nio.file.Path existing(String name) {
        checkName(name);
        java.nio.file.Path file = BackupDirectory.archive(name);
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("backup", name);
        }
        return file;
    }

    private static void checkName(String name) {
        if (!BackupDirectory.isArchiveName(name)) {
            throw InvalidInputException.of("name", "must be a plain file name ending in .zip (letters, digits, '.', "
                    + "'_', '-'), not '" + name + "'");
        }
    }
}
