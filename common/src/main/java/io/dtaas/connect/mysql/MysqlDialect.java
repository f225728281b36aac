package io.dtaas.connect.mysql;

import io.dtaas.connect.jdbc.JdbcDialect;
import io.dtaas.connect.jdbc.ReadGuard;
import io.dtaas.connect.jdbc.SqlLexicon;
import io.dtaas.connect.jdbc.SqlLiterals;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** MySQL/MariaDB SQL: backtick identifiers, LIMIT; a "database" is both the JDBC catalog and the schema. */
public final class MysqlDialect implements JdbcDialect {

    private static final Set<String> SYSTEM = Set.of("information_schema", "performance_schema", "sys", "mysql");

    @Override
    public String quote(String identifier) {
        return JdbcDialect.quoteWith(identifier, '`', '`');
    }

    @Override
    public String previewSql(String qualifiedTable, int limit) {
        return "SELECT * FROM " + qualifiedTable + " LIMIT " + limit;
    }

    @Override
    public List<String> readOnlyStatements(int timeoutSeconds) {
        // The session is closed after the query, so session-level settings end with it.
        return List.of("SET SESSION TRANSACTION READ ONLY", "START TRANSACTION READ ONLY");
    }

    @Override
    public Optional<String> databasesSql() {
        return Optional.of("SELECT schema_name FROM information_schema.schemata ORDER BY 1");
    }

    @Override
    public boolean schemasAreCatalogs() {
        return true;
    }

    @Override
    public boolean isSystemSchema(String name) {
        return SYSTEM.contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public Optional<String> rowEstimatesSql() {
        return Optional.of("SELECT table_name, table_rows FROM information_schema.tables WHERE table_schema = ?");
    }

    /**
     * MySQL reads backslash escapes inside quotes (unless sql_mode has NO_BACKSLASH_ESCAPES), so backslashes are
     * doubled; quotes are doubled rather than escaped, which ends no literal early in either mode.
     */
    @Override
    public String stringLiteral(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> s.append("\\\\");
                case '\'' -> s.append("''");
                case '\0' -> s.append("\\0");
                default -> s.append(c);
            }
        }
        return s.append('\'').toString();
    }

    @Override
    public SqlLexicon lexicon() {
        return SqlLexicon.MYSQL;
    }

    @Override
    public ReadGuard readGuard() {
        return new MysqlReadGuard();
    }

    @Override
    public List<String> privilegeWarnings(java.sql.Connection connection) throws java.sql.SQLException {
        return MysqlPrivileges.warnings(connection);
    }
}
