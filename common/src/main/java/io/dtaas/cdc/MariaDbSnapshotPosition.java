package io.dtaas.cdc;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.mysql.MysqlConnections;
import io.dtaas.error.SystemError;
import org.apache.kafka.connect.json.JsonConverter;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * Writes this position as the stream's committed offset, in the embedded engine's
     * {@code FileOffsetBackingStore} format: a serialized map from the JSON key
     * {@code ["<engine name>", {"server": "<topic prefix>"}]} to the JSON offset.
     */
    void seed(Path offsets, String streamId) {
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put("file", file);
        offset.put("pos", position);
        if (gtids != null && !gtids.isEmpty()) {
            offset.put("gtids", gtids);
        }
        byte[] key = json.fromConnectData(streamId, null, List.of(streamId, Map.of("server", streamId)));
        byte[] value = json.fromConnectData(streamId, null, offset);
        HashMap<byte[], byte[]> raw = new HashMap<>();
        raw.put(key, value);
        try {
            Files.createDirectories(offsets.getParent());
            try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(offsets))) {
                out.writeObject(raw);
            }
        } catch (IOException e) {
            throw new SystemError("cannot write the stream offset " + offsets + ": " + e.getMessage(), e);
        }
    }
}
