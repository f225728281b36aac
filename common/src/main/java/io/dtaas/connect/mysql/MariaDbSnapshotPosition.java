package io.dtaas.connect.mysql;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.StreamOffset;
import io.dtaas.error.SystemError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A MariaDB binlog position that no committed transaction straddles: read inside
 * {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} ({@code binlog_snapshot_file/position}), so every
 * transaction written to the binlog before it is already visible to any later read, and every later one
 * comes after it in the binlog. A full load that starts after this position is taken, followed by streaming
 * from it, re-applies every change the load may have missed (see docs/cdc.md).
 */
record MariaDbSnapshotPosition(String file, long position, String gtids) {

    static MariaDbSnapshotPosition current(ConfigValues source) {
        try (Connection c = MysqlConnections.configured(source, java.time.Duration.ofSeconds(30)).open();
             Statement st = c.createStatement()) {
            st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            Map<String, String> status = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
                while (rs.next()) {
                    status.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2));
                }
            }
            String file = status.get("binlog_snapshot_file");
            String pos = status.get("binlog_snapshot_position");
            if (file == null || file.isEmpty() || pos == null) {
                throw new SystemError("the source reports no binlog snapshot position; is binary logging on "
                        + "(log_bin) and the server MariaDB?", null);
            }
            String gtids;
            try (PreparedStatement ps = c.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
                ps.setString(1, file);
                ps.setLong(2, Long.parseLong(pos));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    gtids = rs.getString(1);
                }
            }
            st.execute("COMMIT");
            return new MariaDbSnapshotPosition(file, Long.parseLong(pos), gtids);
        } catch (SQLException e) {
            throw new SystemError("cannot read the binlog position of the source: " + e.getMessage(), e);
        }
    }

    /** This position as the MariaDB connector stores its committed offset for the stream {@code streamId}. */
    StreamOffset offset(String streamId) {
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put("file", file);
        offset.put("pos", position);
        if (gtids != null && !gtids.isEmpty()) {
            offset.put("gtids", gtids);
        }
        return new StreamOffset(Map.of("server", streamId), offset);
    }
}
