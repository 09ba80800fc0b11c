package org.facegrid.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.facegrid.cluster.ClusterMembership;
import org.facegrid.cluster.ClusterStatus;
import org.facegrid.cluster.NodeIdentity;
import org.facegrid.cluster.NodeStatus;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;

/** The cluster as the answering node sees it, and the answering node itself. */
@Path("/cluster")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class ClusterResource {

    @EJB
    ClusterMembership membership;

    @GET
    public JsonObject cluster() {
        ClusterStatus status = membership.status();
        JsonArrayBuilder nodes = Json.createArrayBuilder();
        for (NodeStatus n : status.nodes()) {
            JsonObjectBuilder node = Json.createObjectBuilder()
                    .add("name", n.name())
                    .add("url", n.url())
                    .add("role", n.role())
                    .add("dataRole", n.dataRole())
                    .add("health", n.health())
                    .add("inRotation", n.inRotation())
                    .add("self", n.self())
                    .add("ownedSegments", n.ownedSegments());
            if (n.startedAt() > 0) {
                node.add("startedAt", Instant.ofEpochMilli(n.startedAt()).toString());
            }
            nodes.add(node);
        }
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (status.primary() == null) {
            json.addNull("primary");
        } else {
            json.add("primary", status.primary());
        }
        if (status.problem() != null) {
            json.add("problem", status.problem());
        }
        return json.add("viewSize", status.viewSize()).add("nodes", nodes).build();
    }

    /** This node: identity, readiness facts and the JVM it runs in (heap and GC as the server really got them). */
    @GET
    @Path("/self")
    public JsonObject self() {
        NodeIdentity identity = membership.identity();
        ClusterMembership.Readiness readiness = membership.readiness();
        JsonArrayBuilder collectors = Json.createArrayBuilder();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(gc.getName());
        }
        JsonArrayBuilder args = Json.createArrayBuilder();
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(args::add);
        JsonArrayBuilder caches = Json.createArrayBuilder();
        for (ClusterMembership.CacheFacts cache : membership.cacheFacts()) {
            caches.add(Json.createObjectBuilder()
                    .add("name", cache.name())
                    .add("mode", cache.mode())
                    .add("availability", cache.availability())
                    .add("localEntries", cache.localEntries())
                    .add("clusterEntries", cache.clusterEntries()));
        }
        return Json.createObjectBuilder()
                .add("name", identity.name())
                .add("caches", caches)
                .add("url", identity.url())
                .add("dataRole", identity.dataRole())
                .add("capacityFactor", identity.capacityFactor())
                .add("ready", readiness.ready())
                .add("inView", readiness.inView())
                .add("viewSize", readiness.viewSize())
                .add("jvm", Json.createObjectBuilder()
                        .add("version", Runtime.version().toString())
                        .add("maxHeapBytes", Runtime.getRuntime().maxMemory())
                        .add("garbageCollectors", collectors)
                        .add("inputArguments", args))
                .build();
    }
}
