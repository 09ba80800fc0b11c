package org.facegrid.operator.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;

/**
 * What a node's /health/ready says of its cluster membership (the cluster-member check's data). DOWN is a
 * normal answer for a node out of rotation or a data-only node; these fields say whether it is a member.
 */
public record Readiness(boolean ready, boolean deployed, boolean inView, int viewSize, boolean settled,
                        boolean caughtUp, boolean degraded, String body) {

    public static Readiness parse(int status, String body) {
        JsonObject member = JsonValue.EMPTY_JSON_OBJECT;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject health = reader.readObject();
            for (JsonValue check : health.getOrDefault("checks", JsonValue.EMPTY_JSON_ARRAY).asJsonArray()) {
                JsonObject object = check.asJsonObject();
                if (object.getString("name", "").equals("cluster-member") && object.containsKey("data")) {
                    member = object.getJsonObject("data");
                }
            }
        } catch (JsonParsingException | ClassCastException e) {
            // not a health report (a page served while the application deploys): no member data, so not a member
        }
        boolean degraded = member.entrySet().stream().anyMatch(e -> e.getKey().startsWith("cache.")
                && e.getValue().toString().contains("DEGRADED"));
        return new Readiness(status == 200, member.getBoolean("deployed", false), member.getBoolean("inView", false),
                member.getInt("viewSize", 0), member.getBoolean("settled", false), member.getBoolean("caughtUp", true),
                degraded, body);
    }

    /** Deployed, in the view and with its caches available, whatever its role. */
    public boolean member() {
        return deployed && inView && !degraded;
    }

    /** In a view of this size, its caches settled, its rejoin sweep done (a rebalance under it slows both). */
    public boolean settledIn(int size) {
        return inView && settled && caughtUp && viewSize == size;
    }
}
