package io.dtaas.connect.catalog;

import io.dtaas.error.ConfigError;

/** Bounds of a browser query: rows returned and seconds the database may spend on it. */
public record QueryLimits(int maxRows, int timeoutSeconds) {

    public static final int MAX_ROWS = 10_000;
    public static final int MAX_TIMEOUT_SECONDS = 300;
    public static final QueryLimits DEFAULT = new QueryLimits(1_000, 30);

    /** @throws ConfigError naming {@code limit} or {@code timeout_seconds} when out of range */
    public static QueryLimits of(Integer maxRows, Integer timeoutSeconds) {
        int rows = maxRows == null ? DEFAULT.maxRows : maxRows;
        int timeout = timeoutSeconds == null ? DEFAULT.timeoutSeconds : timeoutSeconds;
        if (rows < 1 || rows > MAX_ROWS) {
            throw new ConfigError("limit", "must be between 1 and " + MAX_ROWS);
        }
        if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
            throw new ConfigError("timeout_seconds", "must be between 1 and " + MAX_TIMEOUT_SECONDS);
        }
        return new QueryLimits(rows, timeout);
    }
}
