package io.dtaas.connect.mysql;

import io.dtaas.connect.ConfigValues;
import io.dtaas.error.TransientError;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A MariaDB/MySQL source's current binlog position, for validation's consistent point: the binlog file and position
 * ({@code SHOW MASTER STATUS}; {@code SHOW BINARY LOG STATUS} on MySQL 8.4) and the executed GTIDs (MariaDB
 * {@code @@gtid_binlog_pos}; MySQL {@code @@gtid_executed} when GTIDs are on). Every transaction committed before
 * {@link #current} lies before it. Kept as text ({@code file/pos/gtids}) between the two calls of the SPI.
 */
record MysqlPosition(String file, long position, String gtids) {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    static MysqlPosition current(ConfigValues source) {
        try (Connection c = MysqlConnections.configured(source, CONNECT_TIMEOUT).open();
             Statement st = c.createStatement()) {
            String file = null;
            long pos = 0;
            try (ResultSet rs = binlogStatus(st)) {
                if (rs.next()) {
                    file = rs.getString(1);
                    pos = rs.getLong(2);
                }
            }
            if (file == null) {
                throw new TransientError("the source reports no binlog position: is binary logging (log_bin) on?", null);
            }
            return new MysqlPosition(file, pos, executedGtids(st));
        } catch (SQLException e) {
            throw new TransientError("cannot read the source's binlog position: " + e.getMessage(), e);
        }
    }

    /** {@code SHOW MASTER STATUS}, which MySQL 8.4 renamed. */
    private static ResultSet binlogStatus(Statement st) throws SQLException {
        try {
            return st.executeQuery("SHOW MASTER STATUS");
        } catch (SQLException e) {
            return st.executeQuery("SHOW BINARY LOG STATUS");
        }
    }

    private static String executedGtids(Statement st) throws SQLException {
        String version;
        try (ResultSet rs = st.executeQuery("SELECT @@version")) {
            rs.next();
            version = rs.getString(1);
        }
        String sql = version.toLowerCase(Locale.ROOT).contains("mariadb") ? "SELECT @@gtid_binlog_pos"
                : "SELECT IF(@@gtid_mode = 'ON', @@gtid_executed, '')";
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() && rs.getString(1) != null ? rs.getString(1).replace("\n", "") : "";
        }
    }

    String text() {
        return file + "/" + position + "/" + gtids;
    }

    static MysqlPosition parse(String text) {
        String[] parts = text.split("/", 3);
        return new MysqlPosition(parts[0], Long.parseLong(parts[1]), parts.length > 2 ? parts[2] : "");
    }

    /**
     * Whether a committed offset of the MariaDB connector ({@code file}, {@code pos}, {@code gtids}) is at or past
     * this position; empty when they cannot be compared. The connector's offset points at the start of the
     * transaction it is in (or just past the last one it completed, heartbeats move it while the tables are quiet),
     * so "at or past" means every transaction that ended before this position is applied. File and position are
     * compared when both name the same binlog; GTIDs (another server after a fail-over) otherwise.
     */
    Optional<Boolean> reachedBy(Map<String, Object> offset) {
        Object file = offset.get("file");
        Object pos = offset.get("pos");
        if (file instanceof String f && pos instanceof Number p && sameLog(f)) {
            int c = Long.compare(logIndex(f), logIndex(this.file));
            return Optional.of(c > 0 || c == 0 && p.longValue() >= position);
        }
        Object committed = offset.get("gtids");
        if (committed instanceof String g && !g.isBlank() && !gtids.isBlank()) {
            return Optional.of(GtidSets.contains(g, gtids));
        }
        return Optional.empty();
    }

    private boolean sameLog(String other) {
        return baseName(other).equals(baseName(file));
    }

    private static String baseName(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }

    private static long logIndex(String file) {
        try {
            return Long.parseLong(file.substring(file.lastIndexOf('.') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
