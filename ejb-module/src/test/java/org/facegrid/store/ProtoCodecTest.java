package org.facegrid.store;

import org.facegrid.cluster.HealthPolicy;
import org.facegrid.cluster.NodeHealth;
import org.facegrid.cluster.NodeRecord;
import org.facegrid.directory.Person;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProtoCodecTest {

    @Test
    void personSurvivesTheRoundTrip() {
        Person person = new Person("id-1", "Ada", "emp-1", List.of("a", "b"), 1_000L, 2_000L, Person.SCHEMA_VERSION);
        Person back = ProtoCodec.decode(ProtoCodec.encode(person), Person.class);
        assertEquals(person, back);
        assertEquals(Person.SCHEMA_VERSION, back.schemaVersion());
    }

    @Test
    void absentExternalIdStaysAbsent() {
        Person person = new Person("id-2", "Grace", null, List.of(), 5L, 6L, Person.SCHEMA_VERSION);
        Person back = ProtoCodec.decode(ProtoCodec.encode(person), Person.class);
        assertNull(back.externalId());
        assertEquals(List.of(), back.tags());
    }

    @Test
    void nodeRecordSurvivesTheRoundTrip() {
        NodeRecord record = new NodeRecord("node2", "http://127.0.0.1:8180", "simple", "node2:node2", 42L, "1.2", 43L);
        NodeRecord back = ProtoCodec.decode(ProtoCodec.encode(record), NodeRecord.class);
        assertEquals("node2", back.name());
        assertEquals("http://127.0.0.1:8180", back.url());
        assertEquals("simple", back.dataRole());
        assertEquals("node2:node2", back.memberName());
        assertEquals(42L, back.startedAt());
        assertEquals("1.2", back.version());
        assertEquals(43L, back.reportedAt());
    }

    @Test
    void nodeHealthKeepsItsTransitions() {
        HealthPolicy policy = new HealthPolicy(Duration.ofSeconds(5), Duration.ofSeconds(2), 1, 2,
                Duration.ofMinutes(5), Duration.ofMinutes(1));
        NodeHealth out = NodeHealth.first("node3").afterCheck("HTTP 503", policy, 1000L);
        NodeHealth back = ProtoCodec.decode(ProtoCodec.encode(out), NodeHealth.class);
        assertEquals(NodeHealth.OUT, back.state());
        assertEquals("HTTP 503", back.problem());
        assertEquals(1, back.transitions().size());
        assertEquals("FGCLU011", back.transitions().get(0).messageId());
        assertEquals(1000L, back.transitions().get(0).at());
    }
}
