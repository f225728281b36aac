package io.dtaas.connect.oracle;

import io.dtaas.connect.PreflightReport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Oracle (LogMiner) pre-flight: the database in ARCHIVELOG mode with (at least minimal) supplemental logging;
 * per-table ALL COLUMNS supplemental logging is the DBA's step documented in docs/cdc.md.
 */
public final class OraclePreflight {

    public record Settings(String logMode, String supplementalLogDataMin, String supplementalLogDataAll) {
    }

    public static final String SETTINGS_SQL = "SELECT log_mode, supplemental_log_data_min, supplemental_log_data_all FROM v$database";

    private OraclePreflight() {
    }

    public static Settings read(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SETTINGS_SQL)) {
            rs.next();
            return new Settings(rs.getString(1), rs.getString(2), rs.getString(3));
        }
    }

    public static PreflightReport evaluate(Settings s) {
        List<String> problems = new ArrayList<>();
        if (!"ARCHIVELOG".equalsIgnoreCase(s.logMode())) {
            problems.add("the database is in " + s.logMode() + " mode but LogMiner needs ARCHIVELOG: SHUTDOWN IMMEDIATE;"
                    + " STARTUP MOUNT; ALTER DATABASE ARCHIVELOG; ALTER DATABASE OPEN");
        }
        boolean min = "YES".equalsIgnoreCase(s.supplementalLogDataMin()) || "IMPLICIT".equalsIgnoreCase(s.supplementalLogDataMin());
        if (!min && !"YES".equalsIgnoreCase(s.supplementalLogDataAll())) {
            problems.add("supplemental logging is off: run ALTER DATABASE ADD SUPPLEMENTAL LOG DATA, and ALTER TABLE"
                    + " <table> ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS for each captured table");
        }
        return new PreflightReport(problems, List.of());
    }
}
