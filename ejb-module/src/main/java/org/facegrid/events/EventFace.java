package org.facegrid.events;

import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

import java.util.ArrayList;
import java.util.List;

/** A face of an event: where it was, and its best match (null personId: unknown) with that person's watchlists. */
public final class EventFace {
    private final float x;
    private final float y;
    private final float width;
    private final float height;
    private final float score;
    private final String personId;
    private final String name;
    private final float distance;
    private final List<String> watchlists;

    @ProtoFactory
    public EventFace(float x, float y, float width, float height, float score, String personId, String name,
                     float distance, List<String> watchlists) {
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
        this.score = score;
        this.personId = personId;
        this.name = name;
        this.distance = distance;
        this.watchlists = watchlists == null ? List.of() : List.copyOf(watchlists);
    }

    @ProtoField(number = 1, defaultValue = "0")
    public float x() {
        return x;
    }

    @ProtoField(number = 2, defaultValue = "0")
    public float y() {
        return y;
    }

    @ProtoField(number = 3, defaultValue = "0")
    public float width() {
        return width;
    }

    @ProtoField(number = 4, defaultValue = "0")
    public float height() {
        return height;
    }

    @ProtoField(number = 5, defaultValue = "0")
    public float score() {
        return score;
    }

    @ProtoField(number = 6)
    public String personId() {
        return personId;
    }

    @ProtoField(number = 7)
    public String name() {
        return name;
    }

    @ProtoField(number = 8, defaultValue = "0")
    public float distance() {
        return distance;
    }

    @ProtoField(number = 9, collectionImplementation = ArrayList.class)
    public List<String> watchlists() {
        return watchlists;
    }
}
