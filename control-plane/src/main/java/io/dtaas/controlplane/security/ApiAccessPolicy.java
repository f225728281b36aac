package io.dtaas.controlplane.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may call the API. Bound to loopback, only local users can reach it, so no token is needed (browsers are kept
 * out by {@link BrowserRequestPolicy}). Bound to anything else, every request needs
 * {@code Authorization: Bearer <DTAAS_API_TOKEN>} unless it fetches one of the {@link PublicResources} (deny by
 * default). {@code /ws} also accepts {@code ?access_token=}, since browsers cannot set headers on WebSockets.
 */
public final class ApiAccessPolicy {

    private final byte[] token;
    private final PublicResources publicResources;

    private ApiAccessPolicy(byte[] token, PublicResources publicResources) {
        this.token = token;
        this.publicResources = publicResources;
    }

    /** @throws IllegalStateException when the host is not loopback and no token is set */
    public static ApiAccessPolicy of(String host, String token, PublicResources publicResources) {
        startupProblem(host, token).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        boolean required = !isLoopback(host);
        return new ApiAccessPolicy(required ? token.getBytes(StandardCharsets.UTF_8) : null, publicResources);
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

    /**
     * The first line of defence, before routing: anything but a public resource needs the token.
     *
     * @param rawPath       the path exactly as sent (not decoded or normalised)
     * @param authorization the Authorization header, or null
     * @param queryToken    the {@code access_token} query parameter, honoured on {@code /ws} only
     */
    public boolean allows(String method, String rawPath, String authorization, String queryToken) {
        if (token == null || publicResources.isPublic(method, rawPath)) {
            return true;
        }
        return presents(authorization) || ("/ws".equals(rawPath) && matches(queryToken));
    }

    /** True when no token is required or the Authorization header carries it. */
    public boolean presents(String authorization) {
        if (token == null) {
            return true;
        }
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(authorization.substring(7).trim());
    }

    /** True when no token is required or {@code presented} is it (constant time). */
    public boolean matches(String presented) {
        if (token == null) {
            return true;
        }
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
