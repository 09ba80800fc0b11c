package org.facegrid.store;

import org.facegrid.cluster.NodeRecord;
import org.facegrid.directory.Person;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        NodeRecord record = new NodeRecord("node2", "http://127.0.0.1:8180", "simple", "node2:node2", 42L, false);
        NodeRecord back = ProtoCodec.decode(ProtoCodec.encode(record), NodeRecord.class);
        assertEquals("node2", back.name());
        assertEquals("http://127.0.0.1:8180", back.url());
        assertEquals("simple", back.dataRole());
        assertEquals("node2:node2", back.memberName());
        assertEquals(42L, back.startedAt());
        assertFalse(back.inRotation());
    }
}
