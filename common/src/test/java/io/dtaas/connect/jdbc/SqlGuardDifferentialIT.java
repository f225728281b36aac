package io.dtaas.connect.jdbc;

import io.dtaas.error.ConfigError;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The guard's statement split against the real servers' own. A corpus of a few thousand texts is generated from
 * tricky fragments (quotes and their escapes, dollar quotes, nested and executable comments, separators, COMMIT,
 * DELETE FROM victim); every text the guard admits under the live session's settings is sent, as the guard would
 * send it, over a connection that lets the server run several statements (PostgreSQL's simple query protocol;
 * MariaDB with multi-statements, on this test connection only). The test fails when the server ran more than one
 * statement (MariaDB: by its own {@code Questions} counter, which counts failed statements too) or the victim table
 * changed. Each setting that changes the split is tried: standard_conforming_strings
 * on and off, sql_mode with and without NO_BACKSLASH_ESCAPES and ANSI_QUOTES.
 */
class SqlGuardDifferentialIT {

    private static final String DB = "dtaas_sqlguard_diff";
    private static final int TEXTS = 3000;
    private static final List<String> FRAGMENTS = List.of("'", "'", "\\", "\\'", "''", "E'", "e'", "U&'", "B'", "N'",
            "$$", "$a$", "$b$", "1$a$", "\"", "\"\"", "`", "[", "]", "/*", "*/", "/* /* */", "/*!", "/*M!", "--", "-- ",
            "#", "\n", "\r", ";", " ; ", " ", " COMMIT ", " DELETE FROM victim ", "1", "'x'", "x", "(", ")", ",", "\t");
    private static final List<String> TAILS = List.of("", ";", " ; DELETE FROM victim", "; COMMIT; DELETE FROM victim; --",
            " --'\n; DELETE FROM victim", " */ ; DELETE FROM victim", "$a$; DELETE FROM victim; --", "'");

    @BeforeAll
    static void databases() throws SQLException {
        PostgresFixture.freshDatabase(DB);
        PostgresFixture.execute(DB, "CREATE TABLE victim (id int)", "INSERT INTO victim SELECT generate_series(1, 5)");
        MariaDbFixture.freshDatabase(DB);
        MariaDbFixture.execute(DB, "CREATE TABLE victim (id int)", "INSERT INTO victim VALUES (1), (2), (3), (4), (5)");
    }

    @Test
    void postgresqlRunsExactlyTheOneStatementTheGuardAdmits() throws SQLException {
        for (String scs : List.of("on", "off")) {
            try (Connection guard = PostgresFixture.connect(DB);
                 Connection server = DriverManager.getConnection(PostgresFixture.jdbcUrl(DB)
                         + "?preferQueryMode=simple", PostgresFixture.USER, "")) {
                for (Connection c : List.of(guard, server)) {
                    try (Statement st = c.createStatement()) {
                        st.execute("SET standard_conforming_strings = " + scs);
                    }
                }
                LexicalSettings settings = new LexicalSettings("off".equals(scs), true);
                Tally tally = run(SqlLexicon.POSTGRESQL, settings, server, 11 + scs.length(), false);
                assertThat(tally.admitted).as("texts admitted with standard_conforming_strings=" + scs).isGreaterThan(300);
                assertThat(tally.ranOne).as("admitted texts the server ran").isGreaterThan(40);
            }
        }
    }

    @Test
    void mariadbRunsExactlyTheOneStatementTheGuardAdmits() throws SQLException {
        for (String mode : List.of("", "NO_BACKSLASH_ESCAPES", "ANSI_QUOTES", "NO_BACKSLASH_ESCAPES,ANSI_QUOTES")) {
            try (Connection server = DriverManager.getConnection("jdbc:mariadb://" + MariaDbFixture.HOST + ":"
                    + MariaDbFixture.PORT + "/" + DB + "?sslMode=disable&allowMultiQueries=true",
                    MariaDbFixture.USER, MariaDbFixture.PASSWORD)) {
                try (Statement st = server.createStatement()) {
                    st.execute("SET SESSION sql_mode = '" + mode + "'");
                }
                LexicalSettings settings = new LexicalSettings(!mode.contains("NO_BACKSLASH_ESCAPES"),
                        mode.contains("ANSI_QUOTES"));
                Tally tally = run(SqlLexicon.MYSQL, settings, server, 29 + mode.length(), true);
                assertThat(tally.admitted).as("texts admitted with sql_mode=" + mode).isGreaterThan(300);
                assertThat(tally.ranOne).as("admitted texts the server ran").isGreaterThan(40);
            }
        }
    }

    private static final class Tally {
        int admitted;
        int ranOne;
    }

    /** @param questions count with MariaDB's Questions status too, which counts statements that failed as well */
    private static Tally run(SqlLexicon lexicon, LexicalSettings settings, Connection server, long seed,
                             boolean questions) throws SQLException {
        Tally tally = new Tally();
        for (String text : corpus(seed)) {
            ReadStatement statement;
            try {
                statement = SqlStatementGuard.single(text, lexicon, settings);
            } catch (ConfigError refused) {
                continue;
            }
            tally.admitted++;
            long before = questions ? questions(server) : 0;
            int statements = statementsRun(server, statement.text());
            if (questions) {
                // the status counts every statement of the text (run or failed) and the SHOW that reads it
                statements = (int) Math.max(statements, questions(server) - before - 1);
            }
            if (statements > 1) {
                fail("the guard admitted one statement, the server ran " + statements + ": " + show(text));
            }
            if (victimRows(server) != 5) {
                fail("the victim table changed after " + show(text));
            }
            tally.ranOne += statements;
        }
        return tally;
    }

    /** How many statements the server ran (results and update counts), until it stopped at an error. */
    private static int statementsRun(Connection server, String sql) throws SQLException {
        int results = 0;
        try (Statement st = server.createStatement()) {
            st.setEscapeProcessing(false);
            boolean rows = st.execute(sql);
            while (true) {
                if (rows) {
                    st.getResultSet().close();
                } else if (st.getUpdateCount() == -1) {
                    break;
                }
                results++;
                rows = st.getMoreResults();
            }
        } catch (SQLException e) {
            // a statement the server refused ran nothing; an error after a first result still shows a second one
            if (results > 0) {
                return results + 1;
            }
        }
        if (!server.getAutoCommit()) {
            server.rollback();
        }
        return results;
    }

    private static long questions(Connection server) throws SQLException {
        try (Statement st = server.createStatement(); ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private static int victimRows(Connection server) throws SQLException {
        try (Statement st = server.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM victim")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> corpus(long seed) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < TEXTS; i++) {
            StringBuilder text = new StringBuilder("SELECT ");
            int parts = 1 + random.nextInt(6);
            for (int p = 0; p < parts; p++) {
                text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                if (random.nextInt(3) == 0) {
                    text.append(' ');
                }
            }
            text.append(TAILS.get(random.nextInt(TAILS.size())));
            texts.add(text.toString());
        }
        return texts;
    }

    private static String show(String text) {
        return "[" + text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "]";
    }
}
