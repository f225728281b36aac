package io.dtaas.cdc;

import io.dtaas.cdc.preflight.Preflight;
import io.dtaas.connect.ConfigValues;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How far a stream's slot is behind the source: PostgreSQL WAL bytes not yet confirmed by the slot. */
public final class PositionGap {

    static final String SQL = "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint"
            + " FROM pg_replication_slots WHERE slot_name = ?";

    private PositionGap() {
    }

    /** The gap in bytes, or null for other sources, a missing slot, or a source that cannot be read now. */
    public static Long read(String sourceType, ConfigValues source, String slot) {
        if (!"postgresql".equals(sourceType)) {
            return null;
        }
        try (Connection c = Preflight.connect(sourceType, source); PreparedStatement st = c.prepareStatement(SQL)) {
            st.setString(1, slot);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? (Long) rs.getObject(1, Long.class) : null;
            }
        } catch (SQLException e) {
            return null; // a metric, not a failure: the stream itself reports an unreachable source
        }
    }
}
