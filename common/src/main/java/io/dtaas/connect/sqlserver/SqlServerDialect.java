package io.dtaas.connect.sqlserver;

import io.dtaas.connect.jdbc.JdbcDialect;
import io.dtaas.connect.jdbc.ReadGuard;
import io.dtaas.connect.jdbc.SqlLexicon;
import io.dtaas.connect.jdbc.SqlLiterals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SQL Server T-SQL: bracketed identifiers, TOP. SQL Server has no read-only transactions: browser queries
 * are limited by the statement guard and always rolled back; a read-only login is the recommended setup.
 */
public final class SqlServerDialect implements JdbcDialect {

    private static final Set<String> SYSTEM = Set.of("sys", "INFORMATION_SCHEMA", "guest", "db_owner",
            "db_accessadmin", "db_securityadmin", "db_ddladmin", "db_backupoperator", "db_datareader",
            "db_datawriter", "db_denydatareader", "db_denydatawriter");

    @Override
    public String quote(String identifier) {
        return JdbcDialect.quoteWith(identifier, '[', ']');
    }

    @Override
    public String previewSql(String qualifiedTable, int limit) {
        return "SELECT TOP (" + limit + ") * FROM " + qualifiedTable;
    }

    @Override
    public List<String> readOnlyStatements(int timeoutSeconds) {
        return List.of("SET TRANSACTION ISOLATION LEVEL READ COMMITTED", "SET LOCK_TIMEOUT " + timeoutSeconds * 1000);
    }

    @Override
    public Optional<String> databasesSql() {
        return Optional.of("SELECT name FROM sys.databases WHERE state_desc = 'ONLINE' ORDER BY name");
    }

    @Override
    public boolean isSystemSchema(String name) {
        return SYSTEM.contains(name);
    }

    @Override
    public Optional<String> rowEstimatesSql() {
        return Optional.of("SELECT t.name, SUM(p.rows) FROM sys.tables t "
                + "JOIN sys.schemas s ON s.schema_id = t.schema_id "
                + "JOIN sys.partitions p ON p.object_id = t.object_id AND p.index_id IN (0, 1) "
                + "WHERE s.name = ? GROUP BY t.name");
    }

    /** N'...' keeps characters outside the database's code page. */
    @Override
    public String stringLiteral(String value) {
        return "N'" + SqlLiterals.noNul(value).replace("'", "''") + "'";
    }

    @Override
    public String dateLiteral(LocalDate date) {
        return "CAST('" + SqlLiterals.checkYear(date) + "' AS DATE)";
    }

    /** ISO 8601 with a {@code T}: read alike whatever SET DATEFORMAT and the login's language say. */
    @Override
    public String timestampLiteral(LocalDateTime timestamp) {
        SqlLiterals.checkYear(timestamp.toLocalDate());
        return "CAST('" + TIMESTAMP.format(timestamp).replace(' ', 'T') + "' AS DATETIME2)";
    }

    @Override
    public String instantLiteral(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        SqlLiterals.checkYear(utc.toLocalDate());
        return "CAST('" + TIMESTAMP.format(utc).replace(' ', 'T') + "+00:00' AS DATETIMEOFFSET)";
    }

    /** T-SQL has no boolean literal; bit columns compare with 1 and 0. */
    @Override
    public String booleanLiteral(boolean value) {
        return value ? "1" : "0";
    }

    @Override
    public SqlLexicon lexicon() {
        return SqlLexicon.SQL_SERVER;
    }

    @Override
    public ReadGuard readGuard() {
        return new SqlServerReadGuard();
    }
}
