package org.facegrid.directory;

import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A person in the directory, as stored in the {@code persons} cache.
 * Stored as ProtoStream bytes; {@link #schemaVersion()} says which version of the schema wrote it so a
 * newer node can read what an older one wrote.
 */
public final class Person {
    /** Version of the persons message this code writes. Add fields with new numbers; never reuse one. */
    public static final int SCHEMA_VERSION = 2;

    private final String id;
    private final String name;
    private final String externalId;
    private final List<String> tags;
    private final long createdAt;
    private final long updatedAt;
    private final int schemaVersion;
    private final List<String> watchlists;

    public Person(String id, String name, String externalId, List<String> tags, long createdAt, long updatedAt,
                  int schemaVersion) {
        this(id, name, externalId, tags, createdAt, updatedAt, schemaVersion, List.of());
    }

    @ProtoFactory
    public Person(String id, String name, String externalId, List<String> tags, long createdAt, long updatedAt,
                  int schemaVersion, List<String> watchlists) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.externalId = externalId == null || externalId.isEmpty() ? null : externalId;
        this.tags = tags == null ? List.of() : List.copyOf(tags);
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.schemaVersion = schemaVersion;
        this.watchlists = watchlists == null ? List.of() : List.copyOf(watchlists);
    }

    @ProtoField(number = 1, required = true)
    public String id() {
        return id;
    }

    @ProtoField(number = 2, required = true)
    public String name() {
        return name;
    }

    /** The integrator's own identifier for this person, unique across the directory; null when not set. */
    @ProtoField(number = 3)
    public String externalId() {
        return externalId;
    }

    @ProtoField(number = 4, collectionImplementation = ArrayList.class)
    public List<String> tags() {
        return tags;
    }

    /** Milliseconds since the epoch. */
    @ProtoField(number = 5, defaultValue = "0")
    public long createdAt() {
        return createdAt;
    }

    /** Milliseconds since the epoch. */
    @ProtoField(number = 6, defaultValue = "0")
    public long updatedAt() {
        return updatedAt;
    }

    @ProtoField(number = 7, defaultValue = "1")
    public int schemaVersion() {
        return schemaVersion;
    }

    /** The watchlists the person is on: recognising them raises an alert. Added in schema version 2. */
    @ProtoField(number = 8, collectionImplementation = ArrayList.class)
    public List<String> watchlists() {
        return watchlists;
    }

    Person withDraft(PersonDraft draft, long now) {
        return new Person(id, draft.name(), draft.externalId(), draft.tags(), createdAt, now, SCHEMA_VERSION,
                draft.watchlists());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Person p && id.equals(p.id) && name.equals(p.name)
                && Objects.equals(externalId, p.externalId) && tags.equals(p.tags)
                && createdAt == p.createdAt && updatedAt == p.updatedAt && schemaVersion == p.schemaVersion
                && watchlists.equals(p.watchlists);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, externalId, tags, createdAt, updatedAt, schemaVersion, watchlists);
    }

    @Override
    public String toString() {
        return "Person[" + id + ", " + name + ", externalId=" + externalId + ", tags=" + tags + ", watchlists="
                + watchlists + "]";
    }
}
