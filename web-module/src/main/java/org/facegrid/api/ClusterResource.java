package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.facegrid.cluster.BalancerMode;
import org.facegrid.cluster.ClusterMembership;
import org.facegrid.cluster.ClusterStatus;
import org.facegrid.cluster.ClusterView;
import org.facegrid.cluster.HealthTransition;
import org.facegrid.cluster.NodeHealth;
import org.facegrid.cluster.NodeIdentity;
import org.facegrid.cluster.NodeReadiness;
import org.facegrid.cluster.NodeStatus;
import org.facegrid.cluster.OperatorSwitches;
import org.facegrid.cluster.PrimaryPreference;
import org.facegrid.json.JsonFactory;
import org.facegrid.problem.InvalidInputException;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Optional;

/** The cluster as the answering node sees it, the answering node itself, its endpoints and rotation switches. */
@ApplicationScoped
@Path("/cluster")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class ClusterResource {

    @EJB
    ClusterMembership membership;

    @Inject
    ClusterView view;

    @Inject
    OperatorSwitches switches;

    @Operation(summary = "Show the cluster: every node, the primary, writes")
    @APIResponse(responseCode = "200", description = "The cluster",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Cluster")))
    @GET
    public JsonObject cluster() {
        ClusterStatus status = view.status();
        JsonArrayBuilder nodes = JsonFactory.createArrayBuilder();
        for (NodeStatus n : status.nodes()) {
            JsonObjectBuilder node = JsonFactory.createObjectBuilder()
                    .add("name", n.name())
                    .add("url", n.url())
                    .add("role", n.role())
                    .add("dataRole", n.dataRole())
                    .add("health", n.health())
                    .add("enabled", n.enabled())
                    .add("rotation", n.rotation())
                    .add("inRotation", n.inRotation())
                    .add("self", n.self())
                    .add("ownedSegments", n.ownedSegments())
                    .add("version", n.version() == null ? "unknown" : n.version());
            addTime(node, "startedAt", n.startedAt());
            addTime(node, "reportedAt", n.reportedAt());
            if (n.checks() != null) {
                node.add("checks", checks(n.checks()));
            }
            nodes.add(node);
        }
        JsonObjectBuilder json = JsonFactory.createObjectBuilder();
        if (status.primary() == null) {
            json.addNull("primary");
        } else {
            json.add("primary", status.primary());
        }
        if (status.problem() != null) {
            json.add("problem", status.problem());
        }
        JsonObjectBuilder writes = JsonFactory.createObjectBuilder().add("allowed", status.writes().writable())
                .add("waits", status.writes().waits());
        if (status.writes().reason() != null) {
            writes.add("reason", status.writes().reason());
        }
        json.add("writes", writes);
        json.add("preferredPrimary", PrimaryPreference.current());
        json.add("balancer", JsonFactory.createObjectBuilder().add("mode", switches.balancerMode().label()));
        return json.add("viewSize", status.viewSize()).add("nodes", nodes).build();
    }

    /** The URLs of the nodes in rotation: a client that loses one goes on with the next. */
    @Operation(summary = "List the URLs of the nodes in rotation")
    @APIResponse(responseCode = "200", description = "The URLs in rotation",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Endpoints")))
    @GET
    @Path("/endpoints")
    public JsonObject endpoints() {
        return JsonFactory.createObjectBuilder()
                .add("items", JsonFactory.createArrayBuilder(view.endpoints()))
                .build();
    }

    /**
     * Takes a node out of rotation or puts it back: {"enabled": false|true, "force": true to take out the last
     * enabled node}. Its readiness follows at once.
     */
    @Operation(summary = "Take a node out of rotation or put it back")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "Rotation")))
    @APIResponse(responseCode = "200", description = "The node and its switch now",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "RotationSwitch")))
    @PUT
    @Path("/nodes/{name}/rotation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public JsonObject rotation(@PathParam("name") String name, JsonObject body) {
        BodyFields.only(body, "enabled", "force");
        Boolean enabled = body == null ? null : bool(body, "enabled");
        if (enabled == null) {
            throw InvalidInputException.of("enabled", "is required: true or false");
        }
        Boolean force = bool(body, "force");
        switches.setEnabled(name, enabled, force != null && force);
        return JsonFactory.createObjectBuilder().add("node", name).add("enabled", enabled).build();
    }

    /** Forgets a node that left the cluster ({@code facegrid leave}); 409 while it is still running. */
    @Operation(summary = "Forget a node that left the cluster")
    @APIResponse(responseCode = "204", description = "Forgotten")
    @DELETE
    @Path("/nodes/{name}")
    @RolesAllowed(Roles.ADMIN)
    public Response forget(@PathParam("name") String name) {
        switches.forget(name);
        return Response.noContent().build();
    }

    /**
     * Hands the primary role to another data node: {"node": "node2"}. Answers 202 at once; the role moves within
     * seconds (GET /cluster shows it), and the node stays preferred until moved again.
     */
    @Operation(summary = "Move the primary role to a redundant node")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "NodeName")))
    @APIResponse(responseCode = "202", description = "The move is under way (GET /cluster shows the primary)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "PrimaryMove")))
    @PUT
    @Path("/primary")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response movePrimary(JsonObject body) {
        BodyFields.only(body, "node");
        String node = text(body, "node", "the name of the node to take the primary role, e.g. node2");
        switches.movePrimary(node);
        return Response.accepted(JsonFactory.createObjectBuilder().add("preferredPrimary", node)
                .add("primary", Optional.ofNullable(view.status().primary()).orElse("none")).build()).build();
    }

    /** Sets the load balancing mode: {"mode": "prescribed" | "software" | "external"}. */
    @Operation(summary = "Set the load balancing mode")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "BalancerMode")))
    @APIResponse(responseCode = "200", description = "The mode now",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "BalancerMode")))
    @PUT
    @Path("/balancer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public JsonObject balancer(JsonObject body) {
        BodyFields.only(body, "mode");
        String label = text(body, "mode", "prescribed, software or external");
        BalancerMode mode = BalancerMode.parse(label)
                .orElseThrow(() -> InvalidInputException.of("mode", "must be prescribed, software or external"));
        switches.setBalancerMode(mode);
        return JsonFactory.createObjectBuilder().add("mode", mode.label()).build();
    }

    /** A required string field, or a 400 naming it. */
    private static String text(JsonObject body, String field, String expected) {
        JsonValue value = body == null ? null : body.get(field);
        if (value == null || value.getValueType() != JsonValue.ValueType.STRING
                || ((JsonString) value).getString().isBlank()) {
            throw InvalidInputException.of(field, "is required: " + expected);
        }
        return ((JsonString) value).getString();
    }

    /** A true/false field; null when absent; anything else is a 400 naming the field. */
    private static Boolean bool(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null) {
            return null;
        }
        return switch (value.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> throw InvalidInputException.of(field, "must be true or false");
        };
    }

    private static JsonObject checks(NodeHealth checks) {
        JsonArrayBuilder transitions = JsonFactory.createArrayBuilder();
        for (HealthTransition t : checks.transitions()) {
            transitions.add(JsonFactory.createObjectBuilder()
                    .add("at", Instant.ofEpochMilli(t.at()).toString())
                    .add("messageId", t.messageId())
                    .add("from", t.from())
                    .add("to", t.to())
                    .add("reason", t.reason()));
        }
        JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                .add("state", checks.state())
                .add("failures", checks.failures())
                .add("successes", checks.successes());
        addTime(json, "checkedAt", checks.checkedAt());
        if (checks.problem() != null) {
            json.add("problem", checks.problem());
        }
        return json.add("transitions", transitions).build();
    }

    private static void addTime(JsonObjectBuilder json, String name, long epochMillis) {
        json.add(name, JsonFactory.instant(epochMillis));
    }

    /** This node: identity, readiness facts and the JVM it runs in (heap and GC as the server really got them). */
    @Operation(summary = "Show this node: readiness facts, caches, JVM")
    @APIResponse(responseCode = "200", description = "This node",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "NodeSelf")))
    @GET
    @Path("/self")
    public JsonObject self() {
        NodeIdentity identity = membership.identity();
        NodeReadiness readiness = membership.readiness();
        JsonArrayBuilder collectors = JsonFactory.createArrayBuilder();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(gc.getName());
        }
        JsonArrayBuilder args = JsonFactory.createArrayBuilder();
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(args::add);
        JsonArrayBuilder caches = JsonFactory.createArrayBuilder();
        for (ClusterView.CacheFacts cache : view.cacheFacts()) {
            caches.add(JsonFactory.createObjectBuilder()
                    .add("name", cache.name())
                    .add("mode", cache.mode())
                    .add("availability", cache.availability())
                    .add("localEntries", cache.localEntries())
                    .add("clusterEntries", cache.clusterEntries()));
        }
        return JsonFactory.createObjectBuilder()
                .add("name", identity.name())
                .add("caches", caches)
                .add("url", identity.url())
                .add("dataRole", identity.dataRole())
                .add("capacityFactor", identity.capacityFactor())
                .add("ready", readiness.ready())
                .add("enabled", readiness.enabled())
                .add("inView", readiness.inView())
                .add("viewSize", readiness.viewSize())
                .add("jvm", JsonFactory.createObjectBuilder()
                        .add("version", Runtime.version().toString())
                        .add("maxHeapBytes", Runtime.getRuntime().maxMemory())
                        .add("garbageCollectors", collectors)
                        .add("inputArguments", args))
                .build();
    }
}
