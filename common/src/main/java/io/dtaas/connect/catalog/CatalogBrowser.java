package io.dtaas.connect.catalog;

import java.util.List;

/**
 * Read-only look into a database: its catalog, table previews and custom SELECTs.
 *
 * <p>Each call opens its own connection and closes it before returning, so a browser can be kept and called
 * from any thread. Schema and table names are checked against the catalog before they reach SQL, and then
 * quoted by the dialect; an unknown name is a {@link io.dtaas.error.NotFoundError}.
 */
public interface CatalogBrowser {

    List<String> databases();

    /** @param database null for the connection's own database */
    List<String> schemas(String database);

    /** @param schema null for the connection's default schema */
    List<TableInfo> tables(String database, String schema);

    List<ColumnInfo> columns(String database, String schema, String table);

    QueryResult preview(String database, String schema, String table, QueryLimits limits);

    /**
     * Runs one read-only statement in a read-only transaction under the limits.
     *
     * @throws io.dtaas.error.ConfigError when the text is not a single SELECT-like statement
     */
    QueryResult query(String database, String sql, QueryLimits limits);

    /**
     * Runs one read-only statement that must answer exactly one row with one column, in a read-only transaction
     * that gives up after {@code timeoutSeconds}, and returns that value typed: {@code String}, {@code Long},
     * {@code BigDecimal}, {@code Double}, {@code Boolean}, {@code LocalDate}, {@code LocalDateTime},
     * {@code Instant}, or null.
     *
     * @param database null for the connection's own database
     * @throws io.dtaas.error.ConfigError naming {@code sql} when the statement is not a single read, fails, times
     *                                    out, or answers anything but one row with one column
     */
    default Object singleValue(String database, String sql, int timeoutSeconds) {
        throw new io.dtaas.error.ConfigError("connector_id", "this connector has no database to query");
    }
}
