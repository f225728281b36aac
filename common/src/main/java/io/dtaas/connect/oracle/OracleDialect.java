package io.dtaas.connect.oracle;

import io.dtaas.connect.jdbc.JdbcDialect;
import io.dtaas.connect.jdbc.ReadGuard;
import io.dtaas.connect.jdbc.SqlLexicon;
import io.dtaas.connect.jdbc.SqlLiterals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Oracle SQL: double-quoted identifiers, FETCH FIRST, read-only transactions; a connection sees one database. */
public final class OracleDialect implements JdbcDialect {

    private static final Set<String> SYSTEM = Set.of("SYS", "SYSTEM", "OUTLN", "DBSNMP", "XDB", "CTXSYS", "MDSYS",
            "ORDSYS", "ORDDATA", "OLAPSYS", "WMSYS", "LBACSYS", "DVSYS", "AUDSYS", "GSMADMIN_INTERNAL", "APPQOSSYS",
            "OJVMSYS", "DBSFWUSER", "REMOTE_SCHEDULER_AGENT", "SYSBACKUP", "SYSDG", "SYSKM", "SYSRAC", "ANONYMOUS",
            "XS$NULL", "GSMCATUSER", "GSMUSER", "DIP", "ORACLE_OCM", "MDDATA", "SI_INFORMTN_SCHEMA", "ORDPLUGINS");

    @Override
    public String quote(String identifier) {
        return JdbcDialect.quoteWith(identifier, '"', '"');
    }

    @Override
    public String previewSql(String qualifiedTable, int limit) {
        return "SELECT * FROM " + qualifiedTable + " FETCH FIRST " + limit + " ROWS ONLY";
    }

    @Override
    public List<String> readOnlyStatements(int timeoutSeconds) {
        return List.of("SET TRANSACTION READ ONLY");
    }

    @Override
    public Optional<String> databasesSql() {
        return Optional.empty();
    }

    @Override
    public boolean isSystemSchema(String name) {
        return SYSTEM.contains(name);
    }

    @Override
    public Optional<String> rowEstimatesSql() {
        return Optional.of("SELECT table_name, num_rows FROM all_tables WHERE owner = ?");
    }

    @Override
    public String instantLiteral(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        SqlLiterals.checkYear(utc.toLocalDate());
        return "TIMESTAMP '" + TIMESTAMP.format(utc) + " +00:00'";
    }

    /** Oracle SQL (before 23ai) has no boolean literal; flags are stored as 1 and 0. */
    @Override
    public String booleanLiteral(boolean value) {
        return value ? "1" : "0";
    }

    @Override
    public SqlLexicon lexicon() {
        return SqlLexicon.ORACLE;
    }

    @Override
    public ReadGuard readGuard() {
        return new OracleReadGuard();
    }
}
