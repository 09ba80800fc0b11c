package org.facegrid.it.domain;

import org.facegrid.it.Http;
import org.facegrid.it.TestImages;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.facegrid.it.domain.ClusterCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one node writes every node reads at once: persons, their uniqueness, faces in every node's gallery. */
@UsesCluster(ClusterSpec.THREE_HOSTS)
class ReplicationIT extends ClusterScenario {
    ReplicationIT(Cluster cluster) {
        super(cluster);
    }

    @Test
    void personWrittenOnAnyNodeIsReadOnEveryNode() {
        String name = Cluster.unique("Written");
        List<String> created = new ArrayList<>();
        for (int writer = 1; writer <= 3; writer++) {
            Http.Reply reply = node(writer).post("/api/v1/persons",
                    "{\"name\":\"" + name + " on node" + writer + "\",\"externalId\":\"" + name + "-" + writer + "\"}");
            assertEquals(201, reply.status(), reply.toString());
            created.add(reply.object().getString("id"));
        }
        for (int reader = 1; reader <= 3; reader++) {
            for (String id : created) {
                Http.Reply read = node(reader).get("/api/v1/persons/" + id);
                assertEquals(200, read.status(), "node" + reader + " reading " + id + ": " + read);
            }
            assertEquals(3, node(reader).get("/api/v1/persons?name=" + name).object().getInt("total"));
        }
        // uniqueness holds across nodes: node2 cannot take the externalId node1 wrote
        assertEquals(409, node(2).post("/api/v1/persons", "{\"name\":\"X\",\"externalId\":\"" + name + "-1\"}").status());
    }

    @Test
    void faceEnrolledThroughOneNodeIsRecognisedThroughAnotherWithinOneSecond() throws Exception {
        Path obama = TestImages.sharedFaces("dev").resolve("barack_obama");
        List<Path> photos = TestImages.photos(obama);
        String personId = node(1).post("/api/v1/persons", "{\"name\":\"Cluster Obama\"}").object().getString("id");
        Http.Reply enrolled = node(1).send("POST", "/api/v1/persons/" + personId + "/faces?pick=largest", "image/jpeg",
                TestImages.read(photos.get(0)));
        assertEquals(201, enrolled.status(), enrolled.toString());
        // asked once each, right after the enrolment returned, never retried: the face must already be in the
        // other nodes' indexes (the clustered listener is synchronous), well within the 1 s the API promises
        byte[] other = TestImages.read(photos.get(1));
        for (int host : new int[] {3, 2}) {
            Http.Reply recognised = node(host).send("POST", "/api/v1/recognitions", "image/jpeg", other);
            assertEquals(200, recognised.status(), recognised.toString());
            assertTrue(recognised.body().contains(personId), "node" + host + " recognises the face enrolled on node1: "
                    + recognised);
        }

        String faceId = enrolled.object().getString("faceId");
        assertEquals(204, node(2).delete("/api/v1/persons/" + personId + "/faces/" + faceId).status());
        for (int host : new int[] {1, 3}) {
            Http.Reply after = node(host).send("POST", "/api/v1/recognitions", "image/jpeg", other);
            assertFalse(after.body().contains(personId), "node" + host + " never matches a deleted face: " + after);
        }
    }
}
