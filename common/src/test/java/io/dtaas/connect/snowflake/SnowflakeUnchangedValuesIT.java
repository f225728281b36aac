package io.dtaas.connect.snowflake;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 6 for Snowflake, proven on real PostgreSQL since no test connects to Snowflake: the exact
 * {@code SET} items the Snowflake MERGE uses ({@link SnowflakeSql#matchedUpdates}, plain {@code CASE} and
 * {@code SUBSTR} that both databases read alike) run in a PostgreSQL {@code UPDATE … FROM} over a staged batch
 * shaped like Snowflake's (the last change per key, as the MERGE's {@code QUALIFY} picks it): a column an update
 * left out keeps the target's value, the others take what arrived.
 */
class SnowflakeUnchangedValuesIT {

    private static final TableSchema ROWS = new TableSchema(new TableRef("public", "docs"), List.of(
            new Column("id", ColumnType.of(ColumnKind.INT64), false),
            new Column("n", ColumnType.of(ColumnKind.INT64), true),
            new Column("big", ColumnType.of(ColumnKind.STRING), true),
            new Column("doc", ColumnType.of(ColumnKind.STRING), true)), List.of("id"));

    @Test
    void theMergesSetItemsKeepTheTargetsValueOfColumnsAnUpdateLeftOut() throws Exception {
        String db = "dtaas_h16u_sf_toast";
        PostgresFixture.freshDatabase(db);
        PostgresFixture.execute(db,
                "CREATE TABLE docs (id bigint PRIMARY KEY, n bigint, big text, doc text)",
                "INSERT INTO docs VALUES (1, 1, 'big one', 'doc one'), (2, 2, 'big two', 'doc two'),"
                        + " (3, 3, 'big three', 'doc three'), (4, 4, 'big four', 'doc four')",
                "CREATE TABLE changes (id bigint, n bigint, big text, doc text, \"_op\" varchar(1) NOT NULL,"
                        + " \"_seq\" bigint NOT NULL, \"_unchanged\" text)");
        SnowflakeSql sql = new SnowflakeSql();
        try (Connection c = PostgresFixture.connect(db)) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO changes VALUES (?, ?, ?, ?, 'U', ?, ?)")) {
                // 1: both large values left out; 2: only doc left out; 3: every column arrived;
                // 4: an earlier change carried big (the sink fills it in), the last one leaves doc out
                stage(ps, 1, 101, null, null, 1, SnowflakeSql.unchangedFlags(ROWS, Set.of("big", "doc")));
                stage(ps, 2, 102, "big two v2", null, 2, SnowflakeSql.unchangedFlags(ROWS, Set.of("doc")));
                stage(ps, 3, 103, "big three v2", "doc three v2", 3, SnowflakeSql.unchangedFlags(ROWS, Set.of()));
                stage(ps, 4, 104, "big four v2", "doc four v2", 4, null);
                stage(ps, 4, 204, "big four v2", null, 5, SnowflakeSql.unchangedFlags(ROWS, Set.of("doc")));
            }
            // Snowflake: MERGE … USING (… QUALIFY ROW_NUMBER() …) s … WHEN MATCHED THEN UPDATE SET <items>;
            // PostgreSQL names the updated column unqualified, the expression is the same text
            List<String> set = sql.matchedUpdates(ROWS).stream().map(item -> item.substring("t.".length())).toList();
            assertThat(set).containsExactly(
                    "\"n\" = CASE WHEN SUBSTR(s.\"_unchanged\", 2, 1) = '1' THEN t.\"n\" ELSE s.\"n\" END",
                    "\"big\" = CASE WHEN SUBSTR(s.\"_unchanged\", 3, 1) = '1' THEN t.\"big\" ELSE s.\"big\" END",
                    "\"doc\" = CASE WHEN SUBSTR(s.\"_unchanged\", 4, 1) = '1' THEN t.\"doc\" ELSE s.\"doc\" END");
            try (Statement st = c.createStatement()) {
                int updated = st.executeUpdate("UPDATE docs AS t SET " + String.join(", ", set)
                        + " FROM (SELECT DISTINCT ON (id) * FROM changes ORDER BY id, \"_seq\" DESC) AS s"
                        + " WHERE t.id = s.id AND s.\"_op\" <> 'D'");
                assertThat(updated).isEqualTo(4);
            }
            List<String> rows = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, n, big, doc FROM docs ORDER BY id")) {
                while (rs.next()) {
                    rows.add(rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
                }
            }
            assertThat(rows).containsExactly(
                    "1|101|big one|doc one",
                    "2|102|big two v2|doc two",
                    "3|103|big three v2|doc three v2",
                    "4|204|big four v2|doc four");
        }
    }

    private static void stage(PreparedStatement ps, long id, long n, String big, String doc, long seq, String unchanged)
            throws Exception {
        ps.setLong(1, id);
        ps.setLong(2, n);
        ps.setString(3, big);
        ps.setString(4, doc);
        ps.setLong(5, seq);
        ps.setString(6, unchanged);
        ps.executeUpdate();
    }
}
