package io.dtaas.connect.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What differs between SQL databases in the SQL we generate. Every identifier that reaches SQL goes through
 * {@link #quote(String)}; values go through bind parameters, or, inside a user's own SQL text, through the
 * literals of {@link SqlLiterals}.
 */
public interface JdbcDialect extends SqlLiterals {

    /**
     * Whether a failure during a transfer is worth retrying: lost connections, a server shutting down, restarting
     * or failing over, deadlocks. The default knows JDBC and SQL-standard signs; each database adds its codes.
     */
    default boolean isTransient(SQLException e) {
        return JdbcFailures.isTransient(e);
    }

    /** Quotes one identifier so that any name (reserved word, mixed case, spaces, quotes) is taken literally. */
    String quote(String identifier);

    /**
     * The condition that keeps rows stored at or after (lower) or before (upper) the heap page bound as one
     * {@code ?} parameter, for {@link io.dtaas.connect.ChunkBounds.PageRange} chunks; only databases that plan them.
     */
    default String pageRangeCondition(boolean lower) {
        throw new UnsupportedOperationException("page-range chunks are PostgreSQL's");
    }

    default String qualify(String schema, String table) {
        return schema == null || schema.isEmpty() ? quote(table) : quote(schema) + "." + quote(table);
    }

    /** A SELECT of every column of a table, returning at most {@code limit} rows. */
    String previewSql(String qualifiedTable, int limit);

    /**
     * Statements run right after {@code setAutoCommit(false)} so the browser's transaction cannot write and
     * gives up after {@code timeoutSeconds}. The transaction is always rolled back afterwards.
     */
    List<String> readOnlyStatements(int timeoutSeconds);

    /**
     * Warnings for a connection test when the connected role can do more than read (change server state, read or
     * write server files, run programs): the console and custom queries are guarded, but the role is what DTaaS
     * relies on. Empty when the role reads only, or the dialect cannot tell.
     */
    default List<String> privilegeWarnings(Connection connection) throws SQLException {
        return List.of();
    }

    /**
     * Decides which user SQL may run as a read (console, db_query variables, custom queries). The default judges
     * by the dialect's {@link #lexicon()} and the standard reading keywords only; dialects whose server can tell
     * more (session settings, what a statement calls) override it.
     */
    default ReadGuard readGuard() {
        ReadRules rules = new ReadRules(java.util.Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN"),
                java.util.Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "CALL", "EXECUTE", "BEGIN", "COMMIT",
                        "ROLLBACK", "ANALYZE"), ReadRules.LOCKING);
        return (connection, sql) -> rules.check(SqlStatementGuard.single(sql, lexicon(), LexicalSettings.STANDARD));
    }

    /**
     * An expression reading {@code expression} (a quoted column) with a long value cut by the server to
     * {@code maxChars + 1} characters (text, JSON, arrays, other types read as text) or {@code maxBytes + 1}
     * bytes (binary), for previews and console queries; {@code expression} itself when the type needs no cut
     * or the database cannot cut (the default: the values are then cut while they are read).
     */
    default String boundedValue(String expression, io.dtaas.data.ColumnType type, int maxChars, int maxBytes) {
        return expression;
    }

    /**
     * Whether {@link #boundedValue} cuts and a derived table can rename its columns ({@code (...) AS t(a, b)}),
     * so that console queries are wrapped to have the server cut their long values: for drivers that receive
     * whole rows (PostgreSQL's), the only way not to receive a 200 MB value whole.
     */
    default boolean boundsValuesOnServer() {
        return false;
    }

    /** SQL listing the server's databases in its first column; empty when the connection sees only its own. */
    Optional<String> databasesSql();

    /** True where a "database" is what JDBC calls a catalog and there are no schemas below it (MySQL). */
    default boolean schemasAreCatalogs() {
        return false;
    }

    /** Schemas the browser hides: the database's internals that no one transfers. */
    default boolean isSystemSchema(String name) {
        return false;
    }

    /**
     * SQL returning (table name, estimated rows) for the schema bound as its only parameter; empty when the
     * database keeps no cheap estimate.
     */
    Optional<String> rowEstimatesSql();

    /** The schema unqualified names resolve to on this connection. */
    default String defaultSchema(Connection connection) throws SQLException {
        return schemasAreCatalogs() ? connection.getCatalog() : connection.getSchema();
    }

    /** Doubles {@code quoteChar} inside {@code identifier} and wraps it in {@code open}/{@code close}. */
    static String quoteWith(String identifier, char open, char close) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("an identifier cannot be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier cannot contain NUL");
        }
        String escaped = identifier.replace(String.valueOf(close), String.valueOf(close) + close);
        return open + escaped + close;
    }
}
