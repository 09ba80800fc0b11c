package org.facegrid.events;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.facegrid.json.JsonFactory;

import java.time.Instant;

/** Events as JSON: what GET /events returns and what alert webhooks receive. */
public final class EventJson {
    private EventJson() {
    }

    public static JsonObject write(Event event) {
        JsonArrayBuilder faces = JsonFactory.createArrayBuilder();
        for (EventFace face : event.faces()) {
            JsonObjectBuilder f = JsonFactory.createObjectBuilder()
                    .add("box", JsonFactory.createObjectBuilder().add("x", round(face.x())).add("y", round(face.y()))
                            .add("width", round(face.width())).add("height", round(face.height())))
                    .add("score", round(face.score()))
                    .add("unknown", face.personId() == null);
            if (face.personId() != null) {
                JsonArrayBuilder watchlists = JsonFactory.createArrayBuilder();
                face.watchlists().forEach(watchlists::add);
                f.add("personId", face.personId()).add("name", face.name()).add("distance", round(face.distance()))
                        .add("watchlists", watchlists);
            }
            faces.add(f);
        }
        JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                .add("id", event.id())
                .add("time", Instant.ofEpochMilli(event.time()).toString())
                .add("node", event.node() == null ? "" : event.node())
                .add("matched", event.matched())
                .add("alert", event.alert())
                .add("faces", faces);
        if (event.feedId() == null) {
            json.addNull("feedId");
        } else {
            json.add("feedId", event.feedId());
        }
        return json.add("hasImage", event.imageKey() != null).build();
    }

    private static double round(float v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
