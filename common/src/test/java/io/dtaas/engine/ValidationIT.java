package io.dtaas.engine;

import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.TransferConfig;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.validate.KeyDifference;
import io.dtaas.validate.TableReport;
import io.dtaas.validate.ValidationRun;
import io.dtaas.validate.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation and repair between real databases (issue 17): the edge-case tables are loaded, the target is damaged in
 * known ways (a row deleted, one added, one value changed per column type, NULL turned into '', a timestamp moved by
 * one microsecond); validation names exactly those keys, repair fixes them, and a second validation says equal.
 */
class ValidationIT {

    private static final String PG_SRC = "dtaas_it_val_pg_src";
    private static final String MY_SRC = "dtaas_it_val_my_src";
    /** Columns of the PostgreSQL edge-case table, in order; every one is set in row 3. */
    private static final List<String> PG_COLUMNS = List.of("b", "i2", "i4", "i8", "f4", "f8", "n", "nu", "vc", "t", "c",
            "bin", "d", "tm", "ts", "tstz", "iv", "u", "j", "jb", "arr", "tarr");
    private static final List<String> MY_COLUMNS = List.of("bt", "ti", "si", "mi", "i", "iu", "bi", "bu", "f", "d", "n",
            "vc", "t", "c", "bin", "vb", "dt", "tm", "dtm", "ts", "y", "e", "j");

    @BeforeAll
    static void data() throws Exception {
        EdgeCaseData.createPostgres(PG_SRC);
        EdgeCaseData.createMariaDb(MY_SRC);
        // what PostgreSQL can write into MariaDB (no NaN or infinities), with values in every column of rows 200+
        PostgresFixture.execute(PG_SRC, "CREATE TABLE portable AS SELECT id, b, i2, i4, i8, n, nu, vc, t, c, bin, d, tm, ts,"
                + " tstz, u, jb, j FROM typed WHERE id NOT IN (2, 3)", "ALTER TABLE portable ADD PRIMARY KEY (id)",
                "UPDATE portable SET b = id % 2 = 0, i2 = id, i8 = id * 1000000000::bigint, n = id / 7.0, nu = id / 3.0,"
                        + " vc = 'v' || id, t = 'text ' || id, c = chr(65 + id % 26), bin = decode(lpad(to_hex(id), 8, '0'), 'hex'),"
                        + " d = '2024-01-01'::date + id, tm = time '10:00:00.5' + id * interval '1 second',"
                        + " ts = '2024-01-01 00:00:00.000001'::timestamp + id * interval '1 minute',"
                        + " tstz = '2024-01-01 00:00:00.000001+02'::timestamptz + id * interval '1 second',"
                        + " u = md5(id::text)::uuid, jb = jsonb_build_object('k', id, 'a', jsonb_build_array(1, 2)),"
                        + " j = json_build_object('z', id) WHERE id >= 200");
    }

    record Outcome(Map<String, TableReport> tables) {
        TableReport table(String name) {
            return tables.values().stream().filter(t -> t.table().endsWith(name)).findFirst().orElseThrow();
        }
    }

    static Outcome validate(Connector from, Map<String, Object> fromCfg, Connector to, Map<String, Object> toCfg,
                            Map<String, Object> config, boolean repair) {
        try (Source source = from.source(FullLoadIT.values(from, fromCfg));
             Source target = to.source(FullLoadIT.values(to, toCfg));
             Destination destination = to.destination(FullLoadIT.values(to, toCfg))) {
            ValidationRun run = new ValidationRun(source, target, destination, TransferConfig.from(config));
            ValidationRun.Options options = new ValidationRun.Options(List.of(), repair, 100);
            List<String> started = new ArrayList<>();
            List<TableReport> reports = run.run(run.tables(options), options, RunControl.NONE, new ValidationRun.Listener() {
                @Override
                public void tableStarted(String table) {
                    started.add(table);
                }

                @Override
                public void tableDone(TableReport report) {
                    assertThat(started).contains(report.table());
                }
            });
            return new Outcome(reports.stream().collect(Collectors.toMap(TableReport::table, Function.identity())));
        }
    }

    private static Map<String, Object> config(List<String> tables, Object... extra) {
        Map<String, Object> m = new HashMap<>();
        m.put("tables", tables);
        m.put("batch_size", 700);
        m.put("chunk_rows", 1000);
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return m;
    }

    private static void load(Connector from, Map<String, Object> fromCfg, Connector to, Map<String, Object> toCfg,
                             Map<String, Object> config) {
        FullLoadIT.Run run = FullLoadIT.load(from, fromCfg, to, toCfg, config, new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
    }

    /** Leading keys of the reported differences, by kind. */
    private static TreeSet<Long> keys(TableReport report, KeyDifference.Kind kind) {
        return report.differences().stream().filter(d -> d.kind() == kind)
                .map(d -> Long.valueOf(d.key().values().iterator().next()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static TreeSet<Long> range(long from, int count) {
        TreeSet<Long> s = new TreeSet<>();
        for (long k = from; k < from + count; k++) {
            s.add(k);
        }
        return s;
    }

    /** Damage common to every direction: row 100 deleted, 5000 added, row 150 NULL → '', one column per key 201+. */
    private static List<String> damage(String table, List<String> columns, String copyFrom, String emptyText) {
        List<String> sql = new ArrayList<>();
        sql.add("DELETE FROM " + table + " WHERE id = 100");
        sql.add("INSERT INTO " + table + " (id) VALUES (5000)");
        sql.add("UPDATE " + table + " SET " + emptyText + " = '' WHERE id = 150");
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            sql.add("UPDATE " + table + " SET " + c + " = (SELECT " + c + " FROM " + copyFrom + " WHERE id = 3) WHERE id = "
                    + (201 + i));
        }
        return sql;
    }

    private static void assertFound(TableReport report, int changedColumns, List<Long> alsoChanged) {
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.DIFFERENT);
        TreeSet<Long> changed = range(201, changedColumns);
        changed.add(150L);
        changed.addAll(alsoChanged);
        assertThat(report.differingKeys()).as(report.toString()).isEqualTo(changed.size() + 2L);
        assertThat(keys(report, KeyDifference.Kind.MISSING_IN_TARGET)).containsExactly(100L);
        assertThat(keys(report, KeyDifference.Kind.EXTRA_IN_TARGET)).containsExactly(5000L);
        assertThat(keys(report, KeyDifference.Kind.VALUES_DIFFER)).isEqualTo(changed);
        // the differences were located without reading the table out of the databases
        assertThat(report.rowsFetched()).isLessThan(report.sourceRows());
    }

    @Test
    void postgresToPostgresFindsExactlyTheDamagedKeysAndRepairsThem() throws Exception {
        String target = "dtaas_it_val_pg2pg";
        PostgresFixture.freshDatabase(target);
        List<String> tables = List.of("typed", "Order Details", "no_pk", "empty_table");
        Map<String, Object> pg = PostgresFixture.connectionConfig(PG_SRC);
        Map<String, Object> pgTarget = PostgresFixture.connectionConfig(target);
        load(new PostgresConnector(), pg, new PostgresConnector(), pgTarget, config(tables));

        Outcome clean = validate(new PostgresConnector(), pg, new PostgresConnector(), pgTarget, config(tables), false);
        assertThat(clean.tables().values()).allSatisfy(t -> assertThat(t.verdict()).as(t.toString()).isEqualTo(Verdict.EQUAL));
        assertThat(clean.table("typed").sourceRows()).isEqualTo(3006);
        assertThat(clean.table("typed").targetRows()).isEqualTo(3006);
        assertThat(clean.table("typed").rowsFetched()).as("same-kind checksums agree inside the databases").isZero();
        assertThat(clean.table("typed").rowsScanned()).isEqualTo(2 * 3006);

        List<String> sql = new ArrayList<>(damage("typed", PG_COLUMNS, "typed", "vc"));
        sql.add("UPDATE typed SET ts = ts + interval '1 microsecond' WHERE id = 2");
        sql.add("UPDATE typed SET tstz = tstz - interval '1 microsecond' WHERE id = 3");
        sql.add("UPDATE typed SET t = 'nul' WHERE id = 6");
        sql.add("UPDATE \"Order Details\" SET \"MixedCase\" = 'changed' WHERE \"Order Id\" = 7 AND \"select\" = 1");
        sql.add("DELETE FROM \"Order Details\" WHERE \"Order Id\" = 50 AND \"select\" = 2");
        sql.add("UPDATE no_pk SET b = 'x' WHERE a = 2");
        PostgresFixture.execute(target, sql.toArray(String[]::new));

        Outcome damaged = validate(new PostgresConnector(), pg, new PostgresConnector(), pgTarget, config(tables), false);
        TableReport typed = damaged.table("typed");
        assertFound(typed, PG_COLUMNS.size(), List.of(2L, 3L, 6L));
        KeyDifference shifted = typed.differences().stream().filter(d -> d.key().get("id").equals("2")).findFirst().orElseThrow();
        assertThat(shifted.source().get("ts")).isEqualTo("1969-12-31 23:59:59.999999");
        assertThat(shifted.target().get("ts")).isEqualTo("1970-01-01 00:00:00.000000");
        KeyDifference emptied = typed.differences().stream().filter(d -> d.key().get("id").equals("150")).findFirst().orElseThrow();
        assertThat(emptied.source().get("vc")).isNull();
        assertThat(emptied.target().get("vc")).isEmpty();
        TableReport details = damaged.table("Order Details");
        assertThat(details.verdict()).isEqualTo(Verdict.DIFFERENT);
        assertThat(details.differences()).extracting(KeyDifference::key)
                .containsExactly(Map.of("Order Id", "7", "select", "1"), Map.of("Order Id", "50", "select", "2"));
        assertThat(damaged.table("no_pk").verdict()).isEqualTo(Verdict.DIFFERENT);
        assertThat(damaged.table("no_pk").differingKeys()).isNull();
        assertThat(damaged.table("empty_table").verdict()).isEqualTo(Verdict.EQUAL);

        Outcome repaired = validate(new PostgresConnector(), pg, new PostgresConnector(), pgTarget, config(tables), true);
        assertThat(repaired.table("typed").verdict()).as(repaired.table("typed").toString()).isEqualTo(Verdict.EQUAL);
        assertThat(repaired.table("typed").repairedKeys()).isEqualTo(PG_COLUMNS.size() + 6L);
        assertThat(repaired.table("Order Details").verdict()).isEqualTo(Verdict.EQUAL);

        Outcome again = validate(new PostgresConnector(), pg, new PostgresConnector(), pgTarget,
                config(List.of("typed", "Order Details")), false);
        assertThat(again.tables().values()).allSatisfy(t -> assertThat(t.verdict()).isEqualTo(Verdict.EQUAL));
        assertThat(TableContents.postgresRowChecksums(target, "public.typed"))
                .isEqualTo(TableContents.postgresRowChecksums(PG_SRC, "public.typed"));
    }

    @Test
    void mariaDbToPostgresComparesMappedValuesAndRepairs() throws Exception {
        String target = "dtaas_it_val_my2pg";
        PostgresFixture.freshDatabase(target);
        Map<String, Object> my = MariaDbFixture.connectionConfig(MY_SRC);
        Map<String, Object> pgTarget = PostgresFixture.connectionConfig(target);
        Map<String, Object> config = config(List.of("typed"), "target_schema", "copied");
        load(new MysqlConnector(), my, new PostgresConnector(), pgTarget, config);

        TableReport clean = validate(new MysqlConnector(), my, new PostgresConnector(), pgTarget, config, false).table("typed");
        assertThat(clean.verdict()).as(clean.toString()).isEqualTo(Verdict.EQUAL);
        assertThat(clean.targetRows()).isEqualTo(3006);

        List<String> sql = new ArrayList<>(damage("copied.typed", MY_COLUMNS, "copied.typed", "vc"));
        sql.add("UPDATE copied.typed SET dtm = dtm + interval '1 microsecond' WHERE id = 2");
        sql.add("UPDATE copied.typed SET ts = ts - interval '1 microsecond' WHERE id = 3");
        PostgresFixture.execute(target, sql.toArray(String[]::new));

        TableReport damaged = validate(new MysqlConnector(), my, new PostgresConnector(), pgTarget, config, false).table("typed");
        assertFound(damaged, MY_COLUMNS.size(), List.of(2L, 3L));

        TableReport repaired = validate(new MysqlConnector(), my, new PostgresConnector(), pgTarget, config, true).table("typed");
        assertThat(repaired.verdict()).as(repaired.toString()).isEqualTo(Verdict.EQUAL);
        TableReport again = validate(new MysqlConnector(), my, new PostgresConnector(), pgTarget, config, false).table("typed");
        assertThat(again.verdict()).as(again.toString()).isEqualTo(Verdict.EQUAL);
        assertThat(again.differingKeys()).isZero();
    }

    @Test
    void postgresToMariaDbComparesMappedValuesAndRepairs() throws Exception {
        String target = "dtaas_it_val_pg2my";
        MariaDbFixture.freshDatabase(target);
        Map<String, Object> pg = PostgresFixture.connectionConfig(PG_SRC);
        Map<String, Object> myTarget = MariaDbFixture.connectionConfig(target);
        Map<String, Object> config = config(List.of("portable"), "target_schema", target);
        load(new PostgresConnector(), pg, new MysqlConnector(), myTarget, config);

        TableReport clean = validate(new PostgresConnector(), pg, new MysqlConnector(), myTarget, config, false).table("portable");
        assertThat(clean.verdict()).as(clean.toString()).isEqualTo(Verdict.EQUAL);
        assertThat(clean.targetRows()).isEqualTo(3004);

        List<String> columns = List.of("b", "i2", "i4", "i8", "n", "nu", "vc", "t", "c", "bin", "d", "tm", "ts", "tstz", "u",
                "jb", "j");
        List<String> sql = new ArrayList<>(List.of("DELETE FROM portable WHERE id = 100",
                "INSERT INTO portable (id) VALUES (5000)", "UPDATE portable SET t = '' WHERE id = 150"));
        // each column takes the value of row id + 1001 (rows 200+ differ in every column)
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            sql.add("UPDATE portable p JOIN portable q ON q.id = p.id + 1001 SET p." + c + " = q." + c + " WHERE p.id = "
                    + (201 + i));
        }
        sql.add("UPDATE portable SET ts = ts + INTERVAL 1 MICROSECOND WHERE id = 300");
        sql.add("UPDATE portable SET tstz = tstz - INTERVAL 1 MICROSECOND WHERE id = 301");
        MariaDbFixture.execute(target, sql.toArray(String[]::new));

        TableReport damaged = validate(new PostgresConnector(), pg, new MysqlConnector(), myTarget, config, false)
                .table("portable");
        assertFound(damaged, columns.size(), List.of(300L, 301L));

        TableReport repaired = validate(new PostgresConnector(), pg, new MysqlConnector(), myTarget, config, true)
                .table("portable");
        assertThat(repaired.verdict()).as(repaired.toString()).isEqualTo(Verdict.EQUAL);
        TableReport again = validate(new PostgresConnector(), pg, new MysqlConnector(), myTarget, config, false)
                .table("portable");
        assertThat(again.verdict()).as(again.toString()).isEqualTo(Verdict.EQUAL);
        // independently of the validator: the deleted row is back, the added one gone, the changed ones as loaded
        try (java.sql.Connection c = MariaDbFixture.connect(target); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*), sum(id = 100), sum(id = 5000),"
                     + " sum(id = 150 AND t IS NULL), sum(id = 201 AND b = 0),"
                     + " sum(id = 213 AND ts = '2024-01-01 03:33:00.000001') FROM portable")) {
            rs.next();
            assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)))
                    .containsExactly(3004L, 1L, 0L, 1L, 1L, 1L);
        }
    }
}
