package io.dtaas.connect.postgres;

import io.dtaas.connect.PreflightReport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL (pgoutput) pre-flight: logical WAL, a role that may replicate and log in, and a free replication
 * slot and WAL sender (unless the task's own slot already exists, which needs no new one).
 */
public final class PostgresPreflight {

    /** The server and role settings the checks look at. */
    public record Settings(String role, String walLevel, boolean superuser, boolean replication, boolean login,
                           int maxReplicationSlots, int usedReplicationSlots, boolean ownSlotExists,
                           int maxWalSenders, int usedWalSenders) {
    }

    public static final String SETTINGS_SQL = """
            SELECT current_user, current_setting('wal_level'), r.rolsuper, r.rolreplication, r.rolcanlogin,
                   current_setting('max_replication_slots')::int,
                   (SELECT count(*) FROM pg_replication_slots)::int,
                   EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?),
                   current_setting('max_wal_senders')::int,
                   (SELECT count(*) FROM pg_stat_replication)::int
            FROM pg_roles r WHERE r.rolname = current_user""";

    private PostgresPreflight() {
    }

    public static Settings read(Connection c, String slotName) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(SETTINGS_SQL)) {
            st.setString(1, slotName);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Settings(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getBoolean(5), rs.getInt(6), rs.getInt(7), rs.getBoolean(8), rs.getInt(9), rs.getInt(10));
            }
        }
    }

    public static PreflightReport evaluate(Settings s) {
        List<String> problems = new ArrayList<>();
        if (!"logical".equals(s.walLevel())) {
            problems.add("wal_level is '" + s.walLevel() + "' but must be 'logical': run ALTER SYSTEM SET wal_level ="
                    + " logical and restart PostgreSQL");
        }
        if (!s.superuser() && !s.replication()) {
            problems.add("role '" + s.role() + "' lacks the REPLICATION attribute: run ALTER ROLE \"" + s.role()
                    + "\" REPLICATION as a superuser");
        }
        if (!s.login()) {
            problems.add("role '" + s.role() + "' lacks the LOGIN attribute: run ALTER ROLE \"" + s.role() + "\" LOGIN");
        }
        if (!s.ownSlotExists() && s.usedReplicationSlots() >= s.maxReplicationSlots()) {
            problems.add("all " + s.maxReplicationSlots() + " replication slots (max_replication_slots) are in use:"
                    + " drop unused slots (pg_drop_replication_slot) or raise max_replication_slots and restart");
        }
        if (s.usedWalSenders() >= s.maxWalSenders()) {
            problems.add("all " + s.maxWalSenders() + " WAL senders (max_wal_senders) are in use: stop another"
                    + " replication client or raise max_wal_senders and restart");
        }
        return new PreflightReport(problems, List.of());
    }
}
