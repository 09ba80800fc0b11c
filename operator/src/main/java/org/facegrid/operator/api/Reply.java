package org.facegrid.operator.api;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;

/** An HTTP answer: its status and body. */
public record Reply(int status, String body) {

    public JsonObject json() {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** An API error's message ({"error", "message"}), or the body when it is not one. */
    public String message() {
        try {
            JsonObject json = json();
            return json.containsKey("message") ? json.getString("message") : body;
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return body;
        }
    }
}
