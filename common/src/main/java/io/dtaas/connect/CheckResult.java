package io.dtaas.connect;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * The answer of a connection test.
 *
 * @param failure   why it failed, so the user can tell bad credentials from an unreachable host; null on success
 * @param details   server version and round-trip time
 * @param warnings  what the user should know although the test passed, e.g. that the connector's role can do
 *                  more than read (a superuser, a role that may read server files); empty when nothing
 */
public record CheckResult(boolean success, String message, Failure failure, Details details, List<String> warnings) {

    public CheckResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** The same result with {@code more} warnings. */
    public CheckResult withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new CheckResult(success, message, failure, details, all);
    }

    public enum Failure {
        AUTHENTICATION("authentication"),
        UNREACHABLE("unreachable"),
        NOT_FOUND("not_found"),
        PERMISSION("permission"),
        TIMEOUT("timeout"),
        OTHER("other");

        private final String wireName;

        Failure(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }
    }

    /** @param serverVersion what the server reports of itself; null when unknown */
    public record Details(String serverVersion, long latencyMs) {
    }

    public static CheckResult ok(String message, String serverVersion, long latencyMs) {
        return new CheckResult(true, message, null, new Details(serverVersion, latencyMs), List.of());
    }

    public static CheckResult failed(Failure failure, String message, long latencyMs) {
        return new CheckResult(false, message, failure, new Details(null, latencyMs), List.of());
    }
}
