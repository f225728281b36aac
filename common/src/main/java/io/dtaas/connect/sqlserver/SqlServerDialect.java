package io.dtaas.connect.sqlserver;

import io.dtaas.connect.jdbc.JdbcDialect;

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
}
