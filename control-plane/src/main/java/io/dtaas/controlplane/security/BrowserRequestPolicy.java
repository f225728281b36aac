package io.dtaas.controlplane.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps web pages in the user's browser from driving DTaaS. A page on another site cannot read the API (no CORS
 * headers), but it could (a) rebind its own DNS name to 127.0.0.1 and read everything as "same origin", or (b) send
 * blind state-changing requests (an HTML form POST) that the browser delivers with no token needed on loopback.
 * So: when bound to loopback (or when host names are configured), the {@code Host} header must name this server
 * (anti DNS rebinding); a state-changing request or a WebSocket upgrade must not come from another origin
 * ({@code Origin}, {@code Sec-Fetch-Site}); and a request body must be JSON, which no HTML form can send.
 * Non-browser clients (curl, SDKs) send neither Origin nor Sec-Fetch-Site and pass.
 */
public final class BrowserRequestPolicy {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Set<String> allowedHosts;
    private final Set<String> allowedOrigins;

    private BrowserRequestPolicy(Set<String> allowedHosts, Set<String> allowedOrigins) {
        this.allowedHosts = allowedHosts;
        this.allowedOrigins = allowedOrigins;
    }

    /**
     * @param bindHost     the address the server listens on
     * @param extraHosts   {@code DTAAS_ALLOWED_HOSTS}: further names clients use to reach it (a proxy's name)
     * @param extraOrigins {@code DTAAS_ALLOWED_ORIGINS}: further origins whose pages may change state
     */
    public static BrowserRequestPolicy of(String bindHost, List<String> extraHosts, List<String> extraOrigins) {
        Set<String> hosts = null;
        if (ApiAccessPolicy.isLoopback(bindHost) || !extraHosts.isEmpty()) {
            hosts = new HashSet<>();
            if (ApiAccessPolicy.isLoopback(bindHost)) {
                hosts.addAll(LOOPBACK_NAMES);
                if (bindHost != null && !bindHost.isBlank()) {
                    hosts.add(unbracket(bindHost.toLowerCase(Locale.ROOT)));
                }
            }
            for (String h : extraHosts) {
                hosts.add(unbracket(h.strip().toLowerCase(Locale.ROOT)));
            }
        }
        Set<String> origins = new HashSet<>();
        for (String o : extraOrigins) {
            originKey(o.strip()).ifPresent(origins::add);
        }
        return new BrowserRequestPolicy(hosts == null ? null : Set.copyOf(hosts), Set.copyOf(origins));
    }

    /** What a request looks like to this policy; header values are null when absent. */
    public record Request(String method, String host, String origin, String secFetchSite, String contentType,
                          boolean hasBody, boolean webSocketUpgrade) {
    }

    /** Why a request is refused: an HTTP status and a problem detail. */
    public record Refusal(int status, String title, String detail) {
    }

    public Optional<Refusal> check(Request r) {
        if (allowedHosts != null && !allowedHosts.contains(hostName(r.host()))) {
            return Optional.of(new Refusal(403, "Forbidden", "the Host header '" + printable(r.host()) + "' does not name"
                    + " this server (protection against DNS rebinding); reach it as localhost or 127.0.0.1, or add the name"
                    + " to DTAAS_ALLOWED_HOSTS"));
        }
        boolean changesState = !SAFE_METHODS.contains(r.method());
        if (!changesState && !r.webSocketUpgrade()) {
            return Optional.empty();
        }
        String site = r.secFetchSite() == null ? null : r.secFetchSite().strip().toLowerCase(Locale.ROOT);
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return Optional.of(crossSite("Sec-Fetch-Site: " + printable(r.secFetchSite())));
        }
        if (r.origin() != null && !sameOrAllowedOrigin(r.origin(), r.host())) {
            return Optional.of(crossSite("Origin: " + printable(r.origin())));
        }
        if (changesState && r.hasBody() && !isJson(r.contentType())) {
            return Optional.of(new Refusal(415, "Unsupported Media Type", "request bodies must be JSON: send"
                    + " 'Content-Type: application/json' (got " + (r.contentType() == null ? "none" : "'"
                    + printable(r.contentType()) + "'") + ")"));
        }
        return Optional.empty();
    }

    private static Refusal crossSite(String evidence) {
        return new Refusal(403, "Forbidden", "cross-site requests may not change anything (" + evidence + "); use the"
                + " dashboard served by this server, a non-browser client, or add the page's origin to DTAAS_ALLOWED_ORIGINS");
    }

    private boolean sameOrAllowedOrigin(String origin, String host) {
        Optional<String> key = originKey(origin);
        if (key.isEmpty()) {
            return false; // "null" (sandboxed frames, file: pages) and anything unparsable
        }
        if (allowedOrigins.contains(key.get())) {
            return true;
        }
        String authority = key.get().substring(key.get().indexOf("://") + 3);
        return host != null && (authority.equals(host.strip().toLowerCase(Locale.ROOT))
                || authority.equals(withDefaultPort(key.get(), host.strip().toLowerCase(Locale.ROOT))));
    }

    /** {@code scheme://host[:port]} in lower case, or empty when {@code origin} is not such an origin. */
    static Optional<String> originKey(String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null || uri.getRawUserInfo() != null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return Optional.empty();
            }
            String key = scheme.toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
            return Optional.of(key);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** A Host header without a port against an origin that spells its default port. */
    private static String withDefaultPort(String originKey, String host) {
        if (host.contains(":") && !host.endsWith("]")) {
            return host;
        }
        return host + (originKey.startsWith("https") ? ":443" : ":80");
    }

    /** The name part of a Host header: no port, IPv6 without brackets, lower case ("" when absent). */
    static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h : h.substring(1, close);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /** Header text safe to echo in a message: printable ASCII, bounded. */
    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        String clean = s.codePoints().filter(c -> c >= 0x20 && c < 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }
}
