package io.dtaas.controlplane.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may call the API. Bound to loopback, only local users can reach it, so no token is needed. Bound to
 * anything else, {@code /api} and {@code /ws} require {@code Authorization: Bearer <DTAAS_API_TOKEN>}
 * ({@code /ws} also accepts {@code ?access_token=}, since browsers cannot set headers on WebSockets).
 * Health, metrics, the API docs and the UI's static files stay open.
 */
public final class ApiAccessPolicy {

    private final byte[] token;

    private ApiAccessPolicy(byte[] token) {
        this.token = token;
    }

    /** @throws IllegalStateException when the host is not loopback and no token is set */
    public static ApiAccessPolicy of(String host, String token) {
        startupProblem(host, token).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        boolean required = !isLoopback(host);
        return new ApiAccessPolicy(required ? token.getBytes(StandardCharsets.UTF_8) : null);
    }

    /** Why the server must not start with these settings, if it must not. */
    public static Optional<String> startupProblem(String host, String token) {
        if (!isLoopback(host) && (token == null || token.isBlank())) {
            return Optional.of("DTaaS is set to listen on " + host + ", which other machines can reach, but no API"
                    + " token is set. Set DTAAS_API_TOKEN to a long random value (clients then send"
                    + " 'Authorization: Bearer <token>'), or listen on 127.0.0.1 only.");
        }
        return Optional.empty();
    }

    public static boolean isLoopback(String host) {
        if (host == null || host.isBlank() || host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return false; // a host name other than localhost may resolve anywhere
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public boolean tokenRequired() {
        return token != null;
    }

    public boolean protects(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/ws") || path.startsWith("/ws/");
    }

    /**
     * @param authorization the Authorization header, or null
     * @param queryToken    the {@code access_token} query parameter, honoured on {@code /ws} only
     */
    public boolean allows(String path, String authorization, String queryToken) {
        if (token == null || !protects(path)) {
            return true;
        }
        String presented = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        } else if (queryToken != null && (path.equals("/ws") || path.startsWith("/ws/"))) {
            presented = queryToken;
        }
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
