package io.dtaas.cdc;

import io.dtaas.cdc.preflight.Preflight;
import io.dtaas.connect.ConfigValues;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a task's change capture owns on the source, and removing it: on PostgreSQL the replication slot and the
 * publication named after the task ({@link CdcRun#streamId}); MariaDB/MySQL, SQL Server and Oracle streams own
 * nothing server-side. Used when a task is deleted or resynced.
 */
public final class ChangeCapture {

    /** What was removed, and what is left for someone to drop by hand (each with the statement to run). */
    public record Cleanup(List<String> dropped, List<String> leftOver) {
        public Cleanup {
            dropped = List.copyOf(dropped);
            leftOver = List.copyOf(leftOver);
        }
    }

    private ChangeCapture() {
    }

    /** Whether the slot is in use, or null when there is no such slot. */
    private static Boolean slotActive(Connection c, String slot) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            st.setString(1, slot);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    /** The statements an operator runs when the source could not be reached. */
    public static List<String> manualSteps(String sourceType, String streamId) {
        return "postgresql".equals(sourceType)
                ? List.of("SELECT pg_drop_replication_slot('" + streamId + "')", "DROP PUBLICATION IF EXISTS " + streamId)
                : List.of();
    }

    /** Drops the stream's slot and publication; an unreachable source or an active slot ends up in leftOver. */
    public static Cleanup drop(String sourceType, ConfigValues source, String streamId) {
        if (!"postgresql".equals(sourceType)) {
            return new Cleanup(List.of(), List.of());
        }
        List<String> dropped = new ArrayList<>();
        List<String> left = new ArrayList<>();
        try (Connection c = Preflight.connect(sourceType, source); Statement st = c.createStatement()) {
            Boolean active = slotActive(c, streamId);
            // a walsender lets go of the slot a moment after its stream stopped
            for (int i = 0; i < 50 && Boolean.TRUE.equals(active); i++) {
                Thread.sleep(100);
                active = slotActive(c, streamId);
            }
            if (Boolean.TRUE.equals(active)) {
                left.add("SELECT pg_drop_replication_slot('" + streamId + "') (the slot is in use)");
            } else if (active != null) {
                try (PreparedStatement drop = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                    drop.setString(1, streamId);
                    drop.execute();
                }
                dropped.add("replication slot " + streamId);
            }
            boolean publication;
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_publication WHERE pubname = '" + streamId + "'")) {
                publication = rs.next();
            }
            if (publication) {
                st.execute("DROP PUBLICATION IF EXISTS " + streamId); // dtaas_task_<number>: a safe identifier
                dropped.add("publication " + streamId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Cleanup(dropped, manualSteps(sourceType, streamId));
        } catch (SQLException | RuntimeException e) {
            return new Cleanup(dropped, manualSteps(sourceType, streamId));
        }
        return new Cleanup(dropped, left);
    }
}
