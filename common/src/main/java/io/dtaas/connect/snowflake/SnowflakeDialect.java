package io.dtaas.connect.snowflake;

import io.dtaas.connect.jdbc.JdbcDialect;
import io.dtaas.connect.jdbc.SqlLexicon;
import io.dtaas.connect.jdbc.SqlLiterals;

import java.util.List;
import java.util.Optional;

/**
 * Snowflake SQL: double-quoted (case-sensitive) identifiers, LIMIT. Snowflake has no read-only transactions:
 * browser queries are limited by the statement guard and a statement timeout; use a role without write grants.
 */
public final class SnowflakeDialect implements JdbcDialect {

    @Override
    public String quote(String identifier) {
        return JdbcDialect.quoteWith(identifier, '"', '"');
    }

    @Override
    public String previewSql(String qualifiedTable, int limit) {
        return "SELECT * FROM " + qualifiedTable + " LIMIT " + limit;
    }

    @Override
    public List<String> readOnlyStatements(int timeoutSeconds) {
        return List.of("ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = " + timeoutSeconds);
    }

    @Override
    public Optional<String> databasesSql() {
        return Optional.of("SELECT database_name FROM information_schema.databases ORDER BY 1");
    }

    @Override
    public boolean isSystemSchema(String name) {
        return "INFORMATION_SCHEMA".equals(name);
    }

    @Override
    public Optional<String> rowEstimatesSql() {
        return Optional.of("SELECT table_name, row_count FROM information_schema.tables WHERE table_schema = ?");
    }

    /** Snowflake reads backslash escapes inside single quotes: backslashes are doubled, quotes doubled. */
    @Override
    public String stringLiteral(String value) {
        return "'" + SqlLiterals.noNul(value).replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public SqlLexicon lexicon() {
        return SqlLexicon.SNOWFLAKE;
    }
}
