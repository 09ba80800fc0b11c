package org.facegrid.operator.management;

import org.facegrid.operator.CommandFailure;

/**
 * Where a domain controller's management interface listens: {@code [http://|https://]HOST[:PORT]} as the
 * operator gives it (port 9990 when left out).
 */
public record ManagementAddress(boolean tls, String host, int port) {

    public static ManagementAddress parse(String text, String usage) {
        if (text == null || text.isBlank()) {
            throw CommandFailure.usage(usage);
        }
        boolean tls = text.startsWith("https://");
        String rest = text.replaceFirst("^[a-z]+://", "");
        String host = rest;
        int port = 9990;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            host = rest.substring(0, colon);
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw CommandFailure.usage(usage);
            }
        }
        if (host.isEmpty() || port < 1 || port > 65535 || !host.matches("[A-Za-z0-9.\\-]+")) {
            throw CommandFailure.usage(usage);
        }
        return new ManagementAddress(tls, host, port);
    }

    public static ManagementAddress ofUrl(String managementUrl) {
        return parse(managementUrl.replaceFirst("/management$", ""), "bad management URL " + managementUrl);
    }

    /** The HTTP management endpoint, as the state file records it. */
    public String url() {
        return (tls ? "https" : "http") + "://" + host + ":" + port + "/management";
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
