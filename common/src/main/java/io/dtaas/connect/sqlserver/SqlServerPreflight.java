package io.dtaas.connect.sqlserver;

import io.dtaas.connect.PreflightReport;
import io.dtaas.data.TableRef;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SQL Server pre-flight: CDC (change tables, not "Change Tracking") enabled on the database and on every table
 * of the task. docs/cdc.md shows {@code sys.sp_cdc_enable_db} and {@code sys.sp_cdc_enable_table}.
 */
public final class SqlServerPreflight {

    /** Whether the database has CDC on, and which tables ({@code schema.table}) have a capture instance. */
    public record Settings(String database, boolean databaseEnabled, Set<String> capturedTables) {
        public Settings {
            capturedTables = Set.copyOf(capturedTables);
        }
    }

    public static final String DATABASE_SQL = "SELECT name, is_cdc_enabled FROM sys.databases WHERE name = DB_NAME()";
    public static final String TABLES_SQL = "SELECT s.name + '.' + t.name FROM cdc.change_tables ct"
            + " JOIN sys.tables t ON t.object_id = ct.source_object_id JOIN sys.schemas s ON s.schema_id = t.schema_id";

    private SqlServerPreflight() {
    }

    public static Settings read(Connection c) throws SQLException {
        String database;
        boolean enabled;
        Set<String> captured = new HashSet<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(DATABASE_SQL)) {
                rs.next();
                database = rs.getString(1);
                enabled = rs.getBoolean(2);
            }
            if (enabled) { // the cdc schema exists only once CDC is enabled on the database
                try (ResultSet rs = st.executeQuery(TABLES_SQL)) {
                    while (rs.next()) {
                        captured.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return new Settings(database, enabled, captured);
    }

    public static PreflightReport evaluate(Settings s, List<TableRef> tables) {
        List<String> problems = new ArrayList<>();
        if (!s.databaseEnabled()) {
            problems.add("CDC is not enabled on database " + s.database() + ": run EXEC sys.sp_cdc_enable_db in it"
                    + " (Change Tracking is not enough; see docs/cdc.md)");
        } else {
            for (TableRef t : tables) {
                if (!s.capturedTables().contains(t.toString().toLowerCase(java.util.Locale.ROOT))) {
                    problems.add("CDC is not enabled on table " + t + ": run EXEC sys.sp_cdc_enable_table @source_schema = N'"
                            + t.schema() + "', @source_name = N'" + t.name() + "', @role_name = NULL");
                }
            }
        }
        return new PreflightReport(problems, List.of());
    }
}
