package io.dtaas.metadata;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The metadata database from {@code DATABASE_URL}: either a JDBC URL ({@code jdbc:postgresql://...}) or the
 * seed's URL form {@code postgresql://user:pass@host:5432/dtaas} (also {@code postgres://}).
 *
 * @param password null when the URL carries none
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    public static DatabaseUrl parse(String value) {
        String v = value.trim();
        if (v.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(v, null, null);
        }
        if (!(v.startsWith("postgresql://") || v.startsWith("postgres://"))) {
            throw new IllegalArgumentException("DATABASE_URL must be postgresql://user:pass@host:port/db or a"
                    + " jdbc:postgresql: URL (the metadata store is PostgreSQL)");
        }
        try {
            URI uri = new URI(v);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("DATABASE_URL has no host");
            }
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String db = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "dtaas" : uri.getRawPath().substring(1);
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + db + query, user, password);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL: " + e.getReason());
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + username + "]";
    }
}
