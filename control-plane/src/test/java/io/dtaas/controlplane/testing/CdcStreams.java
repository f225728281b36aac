package io.dtaas.controlplane.testing;

import io.dtaas.testing.PostgresFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** A CDC task's leftovers in tests: its local stream state and its PostgreSQL slot. */
public final class CdcStreams {

    private CdcStreams() {
    }

    /** Empties a task's stream state folder: task ids restart with each test run's fresh metadata database. */
    public static void deleteState(Path dir) throws Exception {
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    /** Waits until no walsender holds the slot. */
    public static void awaitInactive(String slot) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection c = PostgresFixture.connect("postgres"); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE active AND slot_name = '"
                         + slot + "'")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    /** Drops the slot when no walsender holds it; the publication goes with the source database. */
    public static void dropSlot(String name) throws Exception {
        PostgresFixture.execute("postgres", "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE slot_name = '" + name + "' AND NOT active");
    }
}
