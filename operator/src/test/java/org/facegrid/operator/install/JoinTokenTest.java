package org.facegrid.operator.install;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinTokenTest {
    private final JoinToken token = new JoinToken("facegrid-join", "Abc123def456ghi789jk#7a", "admin", "Zyx987wvu654tsr321qp#7a");

    @Test
    void aPrintedTokenReadsBackAsTheSameCredentials() {
        String printed = token.encode();
        assertTrue(printed.startsWith("fgjoin2."), printed);
        assertEquals(token, JoinToken.parse(printed).orElseThrow());
        assertEquals(token, JoinToken.parse("  " + printed + "\n").orElseThrow(), "pasted with blanks around it");
        assertFalse(printed.contains("Abc123"), "the passwords are not readable at a glance: " + printed);
    }

    @Test
    void aTokenCutShortOrAlteredIsRefused() {
        String printed = token.encode();
        assertTrue(JoinToken.parse(printed.substring(0, printed.length() - 3)).isEmpty());
        assertTrue(JoinToken.parse(printed.substring(0, 30)).isEmpty());
        char[] altered = printed.toCharArray();
        altered[12] = altered[12] == 'A' ? 'B' : 'A';
        assertTrue(JoinToken.parse(new String(altered)).isEmpty());
        assertTrue(JoinToken.parse(null).isEmpty());
        assertTrue(JoinToken.parse("not-a-token").isEmpty());
        assertTrue(JoinToken.parse("fgjoin1." + Base64.getEncoder().encodeToString(
                "JOIN_USER=facegrid-join\nJOIN_PASSWORD=x\n".getBytes(StandardCharsets.UTF_8))).isEmpty(), "the old format ran as shell");
    }

    /** A token whose check matches but whose content is crafted: nothing in it may reach a script or realm file. */
    @Test
    void aCraftedTokenWithAValidCheckIsStillReadAsDataAndRefused() throws Exception {
        assertTrue(JoinToken.parse(forge("{\"joinUser\":\"facegrid-join\",\"joinPassword\":\"x}, clear-text=y\\n:shutdown\","
                + "\"apiUser\":\"admin\",\"apiPassword\":\"Zyx987wvu654tsr321qp#7a\"}")).isEmpty(), "a password that would end a CLI value");
        assertTrue(JoinToken.parse(forge("{\"joinUser\":\"$(rm -rf ~)\",\"joinPassword\":\"Abc123def456ghi789jk#7a\","
                + "\"apiUser\":\"admin\",\"apiPassword\":\"Zyx987wvu654tsr321qp#7a\"}")).isEmpty(), "a user name that is a command");
        assertTrue(JoinToken.parse(forge("{\"joinUser\":\"facegrid-join\",\"joinPassword\":\"Abc123def456ghi789jk#7a\","
                + "\"apiUser\":\"admin\",\"apiPassword\":\"Zyx987wvu654tsr321qp#7a\",\"extra\":\"x\"}")).isEmpty(), "an unknown field");
        assertTrue(JoinToken.parse(forge("{\"joinUser\":\"facegrid-join\",\"joinPassword\":7,"
                + "\"apiUser\":\"admin\",\"apiPassword\":\"Zyx987wvu654tsr321qp#7a\"}")).isEmpty(), "a number for a password");
        assertTrue(JoinToken.parse(forge("[1,2]")).isEmpty(), "no object at all");
        // the same forging with well-formed values is accepted: the check guards against damage, the primary against forgery
        assertTrue(JoinToken.parse(forge("{\"joinUser\":\"facegrid-join\",\"joinPassword\":\"wrongwrong#7a\","
                + "\"apiUser\":\"admin\",\"apiPassword\":\"Zyx987wvu654tsr321qp#7a\"}")).isPresent());
    }

    @Test
    void itsTextNeverShowsThePasswords() {
        assertFalse(token.toString().contains("Abc123"));
        assertFalse(token.credentials().toString().contains("Zyx987"));
    }

    static String forge(String json) throws Exception {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.US_ASCII));
        return "fgjoin2." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
    }
}
