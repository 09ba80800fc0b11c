package org.facegrid.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;

/**
 * Completes the OpenAPI document the way every endpoint behaves, so no operation can leave it out: the error
 * body's schema, each operation's error responses (401 and 403 everywhere, 400 where it takes input, 404 where
 * its path names something, 413 and 415 where it takes a body, 503 where it writes), and the meaning of the
 * query parameters shared by many endpoints, written once here. Registered in META-INF/microprofile-config.properties.
 */
public class ApiDocumentFilter implements OASFilter {
    static final String ERROR_SCHEMA = "Error";

    /** What the shared query parameters mean, wherever they appear. */
    static final Map<String, String> PARAMETERS = Map.ofEntries(
            Map.entry("offset", "Items to skip (0 or more, default 0)"),
            Map.entry("limit", "Items per page (1 to 500, default 50)"),
            Map.entry("cursor", "The nextCursor of the previous page"),
            Map.entry("since", "From this time on (ISO-8601, e.g. 2026-11-22T10:00:00Z, or epoch milliseconds)"),
            Map.entry("until", "Before this time (ISO-8601 or epoch milliseconds; default now)"),
            Map.entry("personId", "Only events where this person matched"),
            Map.entry("feedId", "Only events of this feed"),
            Map.entry("matched", "true: some face matched a person; false: no face did"),
            Map.entry("unknown", "true: some face matched nobody; false: every face matched"),
            Map.entry("alert", "true: only alerts; false: no alerts"),
            Map.entry("name", "Persons whose name contains this, ignoring case"),
            Map.entry("purgeEvents", "true: delete the person's events and their images too"),
            Map.entry("prefix", "Only objects whose key starts with this (a folder: docs/)"),
            Map.entry("threshold", "Largest distance that still counts as a match (0 to 2, default 0.6); smaller is "
                    + "stricter"),
            Map.entry("maxFaces", "At most this many faces, the largest first (1 to 100, default 20)"),
            Map.entry("maxMatches", "At most this many matches per face (1 to 100, default 5)"));

    private static final Map<String, String> ERRORS = Map.of(
            "400", "invalid_input, malformed_json or an unreadable image: the body names each problem",
            "401", "unauthorized: no or wrong credentials (HTTP Basic)",
            "403", "forbidden: this user's role may not do this",
            "404", "the resource the path names does not exist (person_not_found, job_not_found, ...)",
            "413", "the body, an image or a field is over its limit",
            "415", "unsupported_media_type: a body type this endpoint does not take",
            "503", "writes_refused or cluster_unavailable: this side of the cluster may not write now");

    @Override
    public void filterOpenAPI(OpenAPI document) {
        if (document.getComponents() == null) {
            document.setComponents(OASFactory.createComponents());
        }
        document.getComponents().addSchema(ERROR_SCHEMA, errorSchema());
        if (document.getPaths() == null || document.getPaths().getPathItems() == null) {
            return;
        }
        document.getPaths().getPathItems().forEach((path, item) ->
                item.getOperations().forEach((method, operation) -> complete(path, method, operation)));
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
        boolean body = operation.getRequestBody() != null;
        boolean writes = method != PathItem.HttpMethod.GET;
        boolean input = body || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if (parameter.getDescription() == null && PARAMETERS.containsKey(parameter.getName())) {
                    parameter.setDescription(PARAMETERS.get(parameter.getName()));
                }
            }
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        for (String status : List.of("400", "401", "403", "404", "413", "415", "503")) {
            boolean applies = switch (status) {
                case "400" -> input;
                case "404" -> path.contains("{");
                case "413", "415" -> body;
                case "503" -> writes;
                default -> true;
            };
            if (applies && !responses.hasAPIResponse(status)) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().description(ERRORS.get(status))
                        .content(OASFactory.createContent().addMediaType("application/json",
                                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA)))));
            }
        }
    }

    private static Schema errorSchema() {
        return schema(Schema.SchemaType.OBJECT)
                .description("Every error: a stable code, a sentence for people, and what is wrong field by field")
                .addProperty("code", schema(Schema.SchemaType.STRING))
                .addProperty("message", schema(Schema.SchemaType.STRING))
                .addProperty("details", schema(Schema.SchemaType.ARRAY).items(schema(Schema.SchemaType.OBJECT)
                        .addProperty("field", schema(Schema.SchemaType.STRING))
                        .addProperty("problem", schema(Schema.SchemaType.STRING))))
                .addRequired("code").addRequired("message").addRequired("details");
    }

    private static Schema schema(Schema.SchemaType type) {
        return OASFactory.createSchema().type(List.of(type));
    }
}
