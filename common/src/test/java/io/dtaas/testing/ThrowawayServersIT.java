package io.dtaas.testing;

import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault tests' own servers come up, survive restarts and kills as their real counterparts do, and go away. */
class ThrowawayServersIT {

    @Test
    void postgresKeepsCommittedRowsAcrossFastRestartAndKill() throws Exception {
        try (ThrowawayPostgres pg = ThrowawayPostgres.launch()) {
            pg.createDatabase("tw");
            pg.execute("tw", "CREATE TABLE t (id int primary key)", "INSERT INTO t VALUES (1),(2)");
            pg.restart("fast");
            pg.kill();
            assertThatThrownBy(() -> pg.connect("tw")).hasMessageContaining("onnection");
            pg.start();
            assertThat(count(pg.connect("tw"), "SELECT count(*) FROM t")).isEqualTo(2);
            assertThat(count(pg.connect("tw"), "SELECT CASE WHEN current_setting('wal_level') = 'logical' THEN 1 ELSE 0 END"))
                    .isEqualTo(1);
        }
    }

    @Test
    void mariaDbHasARowBinlogAndSurvivesAKill() throws Exception {
        try (ThrowawayMariaDb db = ThrowawayMariaDb.launch()) {
            db.createDatabase("tw");
            db.execute("tw", "CREATE TABLE t (id int primary key)", "INSERT INTO t VALUES (1),(2),(3)");
            db.kill();
            db.start();
            assertThat(count(db.connect("tw"), "SELECT count(*) FROM t")).isEqualTo(3);
            assertThat(count(db.connect("tw"), "SELECT @@log_bin")).isEqualTo(1);
        }
    }

    @Test
    void redisComesBackEmptyUnlessPersistent() throws Exception {
        try (ThrowawayRedis plain = ThrowawayRedis.launch(); ThrowawayRedis kept = ThrowawayRedis.launchPersistent()) {
            for (ThrowawayRedis r : new ThrowawayRedis[]{plain, kept}) {
                assertThat(redis(r.port(), "SET k v")).startsWith("+OK");
            }
            plain.restart();
            kept.restart();
            assertThat(redis(plain.port(), "GET k")).startsWith("$-1");
            assertThat(redis(kept.port(), "GET k")).startsWith("$1");
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (c; Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One inline command over RESP; the reply's first line. */
    private static String redis(int port, String command) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write((command + "\r\n").getBytes());
            byte[] buf = new byte[64];
            int n = s.getInputStream().read(buf);
            return new String(buf, 0, n);
        }
    }
}
