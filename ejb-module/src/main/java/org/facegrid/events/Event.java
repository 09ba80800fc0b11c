package org.facegrid.events;

import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

import java.util.ArrayList;
import java.util.List;

/**
 * A recognition that was recorded: when, on which node, from which feed, the faces with their best match,
 * whether any face matched, whether a watchlisted person was seen (an alert), and the key of the face crop.
 * Ids sort by time: {@code <13-digit epoch millis>-<random>}.
 */
public final class Event {
    public static final int SCHEMA_VERSION = 1;
    /**
     * Where event images are stored: {@code events/<13-digit time>/<event id>.jpg}, so sorted keys are oldest
     * first. Nothing else lives under it (enrolment images are under {@code faces/}).
     */
    public static final String IMAGE_PREFIX = "events/";
    private static final String IMAGE_SUFFIX = ".jpg";

    public static String imageKeyOf(String id) {
        return IMAGE_PREFIX + id.substring(0, 13) + "/" + id + IMAGE_SUFFIX;
    }

    /** The id of the event an image key belongs to. */
    public static String idOfImageKey(String key) {
        return key.substring(key.lastIndexOf('/') + 1, key.length() - IMAGE_SUFFIX.length());
    }

    private final String id;
    private final long time;
    private final String node;
    private final String feedId;
    private final List<EventFace> faces;
    private final boolean alert;
    private final String imageKey;
    private final int schemaVersion;

    @ProtoFactory
    public Event(String id, long time, String node, String feedId, List<EventFace> faces, boolean alert,
                 String imageKey, int schemaVersion) {
        this.id = id;
        this.time = time;
        this.node = node;
        this.feedId = feedId;
        this.faces = faces == null ? List.of() : List.copyOf(faces);
        this.alert = alert;
        this.imageKey = imageKey;
        this.schemaVersion = schemaVersion;
    }

    @ProtoField(number = 1, required = true)
    public String id() {
        return id;
    }

    /** Milliseconds since the epoch. */
    @ProtoField(number = 2, defaultValue = "0")
    public long time() {
        return time;
    }

    @ProtoField(number = 3)
    public String node() {
        return node;
    }

    @ProtoField(number = 4)
    public String feedId() {
        return feedId;
    }

    @ProtoField(number = 5, collectionImplementation = ArrayList.class)
    public List<EventFace> faces() {
        return faces;
    }

    @ProtoField(number = 6, defaultValue = "false")
    public boolean alert() {
        return alert;
    }

    @ProtoField(number = 7)
    public String imageKey() {
        return imageKey;
    }

    @ProtoField(number = 8, defaultValue = "1")
    public int schemaVersion() {
        return schemaVersion;
    }

    /** True when at least one face matched an enrolled person. */
    public boolean matched() {
        return faces.stream().anyMatch(f -> f.personId() != null);
    }

    /** True when at least one face matched nobody. */
    public boolean hasUnknown() {
        return faces.stream().anyMatch(f -> f.personId() == null);
    }
}
