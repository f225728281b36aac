package io.dtaas.connect.postgres;

import io.dtaas.connect.jdbc.JdbcDialect;
import io.dtaas.connect.jdbc.ReadGuard;
import io.dtaas.connect.jdbc.SqlLexicon;
import io.dtaas.connect.jdbc.SqlLiterals;
import io.dtaas.data.ColumnType;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** PostgreSQL SQL: double-quoted identifiers, LIMIT, read-only transactions with statement_timeout. */
public final class PostgresDialect implements JdbcDialect {

    @Override
    public boolean isTransient(java.sql.SQLException e) {
        return PostgresErrors.isTransient(e);
    }

    @Override
    public String quote(String identifier) {
        return JdbcDialect.quoteWith(identifier, '"', '"');
    }

    /** A TID range scan (PostgreSQL 14+): reads only the chunk's pages. */
    @Override
    public String pageRangeCondition(boolean lower) {
        return "ctid " + (lower ? ">=" : "<") + " ('(' || ?::bigint || ',0)')::tid";
    }

    @Override
    public String previewSql(String qualifiedTable, int limit) {
        return "SELECT * FROM " + qualifiedTable + " LIMIT " + limit;
    }

    @Override
    public List<String> readOnlyStatements(int timeoutSeconds) {
        return List.of("SET TRANSACTION READ ONLY", "SET LOCAL statement_timeout = " + timeoutSeconds * 1000);
    }

    /** Text-like values cut with left(), bytea with substring(); fixed-size types and short char(n) as they are. */
    @Override
    public String boundedValue(String expression, ColumnType type, int maxChars, int maxBytes) {
        return switch (type.kind()) {
            case BINARY -> "substring(" + expression + " from 1 for " + (maxBytes + 1) + ")";
            case STRING -> type.precision() != null && type.precision() <= maxChars ? expression
                    : "left(" + expression + "::text, " + (maxChars + 1) + ")";
            case JSON, ARRAY, OTHER -> "left(" + expression + "::text, " + (maxChars + 1) + ")";
            case BOOLEAN, INT16, INT32, INT64, FLOAT32, FLOAT64, DECIMAL, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, INTERVAL,
                 UUID -> expression;
        };
    }

    @Override
    public boolean boundsValuesOnServer() {
        return true;
    }

    @Override
    public Optional<String> databasesSql() {
        return Optional.of("SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY 1");
    }

    @Override
    public boolean isSystemSchema(String name) {
        return name.startsWith("pg_toast") || name.startsWith("pg_temp");
    }

    @Override
    public Optional<String> rowEstimatesSql() {
        // reltuples is -1 for never-analysed tables (PostgreSQL 14+): reported as unknown
        return Optional.of("SELECT c.relname, c.reltuples::bigint FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'm', 'f')");
    }

    /** Backslashes go into an {@code E'...'} literal, which reads them alike whatever standard_conforming_strings says. */
    @Override
    public String stringLiteral(String value) {
        String v = SqlLiterals.noNul(value);
        return v.indexOf('\\') < 0 ? "'" + v.replace("'", "''") + "'"
                : "E'" + v.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public String instantLiteral(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        SqlLiterals.checkYear(utc.toLocalDate());
        return "TIMESTAMPTZ '" + TIMESTAMP.format(utc) + "+00'";
    }

    @Override
    public SqlLexicon lexicon() {
        return SqlLexicon.POSTGRESQL;
    }

    @Override
    public ReadGuard readGuard() {
        return new PostgresReadGuard();
    }

    @Override
    public List<String> privilegeWarnings(java.sql.Connection connection) throws java.sql.SQLException {
        return PostgresPrivileges.warnings(connection);
    }
}
