package io.dtaas.connect.jdbc;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.FieldSpec;
import io.dtaas.error.ConfigError;

import java.util.regex.Pattern;

/**
 * The connection fields that database servers share, and the checks that keep them out of URL syntax. Connectors
 * pass host, port and names to their drivers as properties wherever the driver allows it; these checks are the
 * second wall, and the only one for the parts that must go into a URL (host and port everywhere, Oracle's service).
 */
public final class ServerFields {

    public static final String PATH = "connection_config";
    /** Longest database (or schema, service) name accepted; the servers' own limits are 63 to 128. */
    public static final int MAX_NAME = 128;

    /** Host names: dot-separated labels of letters, digits, '-' and '_' (container names); no leading '-'. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern NAME = Pattern.compile("[^/?&;=#%\\\\\\s\"'\\p{Cntrl}]+");

    private ServerFields() {
    }

    public static FieldSpec host() {
        return FieldSpec.string("host", "Host", true, "Host name or IP address of the server").asEndpoint();
    }

    public static FieldSpec database(boolean required) {
        return FieldSpec.string("database", "Database", required, "Database to connect to");
    }

    public static FieldSpec username() {
        return FieldSpec.string("username", "User name", true, "Login used to connect");
    }

    public static FieldSpec password() {
        return FieldSpec.secret("password", "Password", false, "Password of the login");
    }

    /** The host field, checked to be a plain host name or IP literal so it cannot smuggle URL syntax. */
    public static String host(ConfigValues config) {
        return host(config.string("host"), PATH + ".host");
    }

    /**
     * A host name, an IPv4 address or a bracketed IPv6 address ({@code [::1]}), nothing else: no scheme, port,
     * path, user, list or spaces.
     *
     * @param field how the request names the value, for the error
     */
    public static String host(String value, String field) {
        // strip, not trim: trim would also drop control characters such as NUL, which are refused
        String host = value == null ? "" : value.strip();
        if (HOST_NAME.matcher(host).matches() || IPV6_LITERAL.matcher(host).matches() && validIpv6(host)) {
            return host;
        }
        throw new ConfigError(field, host.indexOf(':') >= 0 && host.indexOf('[') < 0 && host.indexOf('/') < 0
                ? "must be a host name or IP address without a port (write IPv6 addresses in brackets, e.g. [::1])"
                : "must be a host name or IP address (no scheme, port, path, user or spaces)");
    }

    /**
     * A stored name that some driver may still see inside a URL (database, service): no URL separators, quotes,
     * spaces or control characters, at most {@value #MAX_NAME} characters.
     */
    public static String urlSafeName(ConfigValues config, String field) {
        String value = config.string(field);
        if (value != null && (value.length() > MAX_NAME || !NAME.matcher(value).matches())) {
            throw new ConfigError(PATH + "." + field, "must be at most " + MAX_NAME + " characters without spaces, "
                    + "quotes, control characters or any of / ? & ; = # % \\");
        }
        return value;
    }

    private static boolean validIpv6(String bracketed) {
        // a bracketed literal of hex digits, ':' and '.' is parsed as such, never looked up by name
        try {
            return java.net.InetAddress.getByName(bracketed) != null;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
