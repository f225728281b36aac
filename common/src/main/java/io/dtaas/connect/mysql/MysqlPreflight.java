package io.dtaas.connect.mysql;

import io.dtaas.connect.PreflightReport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MariaDB/MySQL pre-flight: the binary log on, in ROW format with FULL row images, and a user that may read it
 * (REPLICATION SLAVE, and REPLICATION CLIENT — called BINLOG MONITOR on MariaDB 10.5+). Whether GTIDs are on is
 * reported, not required.
 */
public final class MysqlPreflight {

    /** Server variables by lower-case name, and the lines of {@code SHOW GRANTS}. */
    public record Settings(Map<String, String> variables, List<String> grants) {
        public Settings {
            Map<String, String> lower = new HashMap<>();
            variables.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
            variables = Map.copyOf(lower);
            grants = List.copyOf(grants);
        }

        String variable(String name) {
            return variables.getOrDefault(name, "");
        }
    }

    public static final String VARIABLES_SQL = "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('log_bin', 'binlog_format',"
            + " 'binlog_row_image', 'gtid_mode', 'gtid_current_pos', 'gtid_strict_mode', 'version')";

    private MysqlPreflight() {
    }

    public static Settings read(Connection c) throws SQLException {
        Map<String, String> variables = new HashMap<>();
        List<String> grants = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(VARIABLES_SQL)) {
                while (rs.next()) {
                    variables.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SHOW GRANTS")) {
                while (rs.next()) {
                    grants.add(rs.getString(1));
                }
            }
        }
        return new Settings(variables, grants);
    }

    public static PreflightReport evaluate(Settings s) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!"ON".equalsIgnoreCase(s.variable("log_bin")) && !"1".equals(s.variable("log_bin"))) {
            problems.add("log_bin is off: start the server with log_bin (e.g. log_bin=mysql-bin in my.cnf) and restart");
        }
        if (!"ROW".equalsIgnoreCase(s.variable("binlog_format"))) {
            problems.add("binlog_format is '" + s.variable("binlog_format") + "' but must be ROW: set binlog_format=ROW"
                    + " in my.cnf (or SET GLOBAL binlog_format = 'ROW') and restart");
        }
        if (!"FULL".equalsIgnoreCase(s.variable("binlog_row_image"))) {
            problems.add("binlog_row_image is '" + s.variable("binlog_row_image") + "' but must be FULL: set"
                    + " binlog_row_image=FULL in my.cnf (or SET GLOBAL binlog_row_image = 'FULL')");
        }
        String global = s.grants().stream().filter(g -> g.contains(" ON *.* "))
                .map(g -> g.toUpperCase(Locale.ROOT)).reduce("", (a, b) -> a + " " + b);
        boolean all = global.contains("ALL PRIVILEGES");
        if (!all && !global.contains("REPLICATION SLAVE") && !global.contains("REPLICATION REPLICA")) {
            problems.add("the user lacks REPLICATION SLAVE: run GRANT REPLICATION SLAVE ON *.* TO the user");
        }
        if (!all && !global.contains("REPLICATION CLIENT") && !global.contains("BINLOG MONITOR")
                && !global.contains("SUPER")) {
            problems.add("the user lacks REPLICATION CLIENT (BINLOG MONITOR on MariaDB): run GRANT REPLICATION CLIENT"
                    + " ON *.* TO the user");
        }
        if (s.variables().containsKey("gtid_mode")) {
            notes.add("GTID mode " + s.variable("gtid_mode"));
        } else if (!s.variable("gtid_current_pos").isEmpty()) {
            notes.add("MariaDB GTID position " + s.variable("gtid_current_pos"));
        } else {
            notes.add("GTIDs off: positions are binlog file and offset");
        }
        return new PreflightReport(problems, notes);
    }
}
