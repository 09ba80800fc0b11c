package org.facegrid.operator.install;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What 'facegrid join-token' prints and 'facegrid join' reads: {@code fgjoin2.PAYLOAD.CHECK}, where PAYLOAD is
 * the base64url of a JSON object with the join user's and the API admin's names and passwords, and CHECK the
 * first 16 characters of the base64url SHA-256 of PAYLOAD, so a token cut short or mistyped is told apart from
 * one the primary rejects. The token is parsed as data: exactly these four fields, each of the characters
 * FaceGrid makes credentials of (they end up in jboss-cli scripts and realm files, so nothing else may pass).
 */
public record JoinToken(String joinUser, String joinPassword, String apiUser, String apiPassword) {
    private static final String PREFIX = "fgjoin2.";
    private static final Set<String> FIELDS = Set.of("joinUser", "joinPassword", "apiUser", "apiPassword");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9#._-]{8,128}");

    public static JoinToken of(Credentials credentials) {
        return new JoinToken(credentials.joinUser(), credentials.joinPassword(), credentials.apiUser(),
                credentials.apiPassword());
    }

    public String encode() {
        String json = Json.createObjectBuilder().add("joinUser", joinUser).add("joinPassword", joinPassword)
                .add("apiUser", apiUser).add("apiPassword", apiPassword).build().toString();
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        return PREFIX + payload + "." + check(payload);
    }

    /** The token's credentials, or empty when it is no whole token of ours (missing, cut short, altered, crafted). */
    public static Optional<JoinToken> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String text = token.strip();
        if (!text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = text.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 2 || !check(parts[0]).equals(parts[1])) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)))) {
            JsonObject json = reader.readObject();
            if (!json.keySet().equals(FIELDS) || json.values().stream().anyMatch(v -> v.getValueType() != JsonValue.ValueType.STRING)) {
                return Optional.empty();
            }
            JoinToken parsed = new JoinToken(string(json, "joinUser"), string(json, "joinPassword"),
                    string(json, "apiUser"), string(json, "apiPassword"));
            boolean wellFormed = USER.matcher(parsed.joinUser).matches() && USER.matcher(parsed.apiUser).matches()
                    && PASSWORD.matcher(parsed.joinPassword).matches() && PASSWORD.matcher(parsed.apiPassword).matches();
            return wellFormed ? Optional.of(parsed) : Optional.empty();
        } catch (IllegalArgumentException | JsonException e) {
            return Optional.empty();
        }
    }

    /** The credentials file of a joined host: the join user and the API admin; no management admin of its own. */
    public Credentials credentials() {
        return new Credentials("", "", joinUser, joinPassword, apiUser, apiPassword);
    }

    private static String string(JsonObject json, String name) {
        return ((JsonString) json.get(name)).getString();
    }

    private static String check(String payload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "JoinToken[" + joinUser + ", " + apiUser + "]"; // never the passwords
    }
}
