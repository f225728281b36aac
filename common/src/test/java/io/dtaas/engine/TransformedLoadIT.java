package io.dtaas.engine;

import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.TableProgress;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.dtaas.engine.FullLoadIT.load;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full loads through chains of transformations between real databases; the target's rows are compared with
 * rows computed independently here.
 */
class TransformedLoadIT {

    private static final String SRC = "dtaas_it_tf_src";
    private static final int ROWS = 2500;

    @BeforeAll
    static void data() throws Exception {
        PostgresFixture.freshDatabase(SRC);
        PostgresFixture.execute(SRC,
                "CREATE TABLE employees (emp_id integer PRIMARY KEY, name varchar(40), email varchar(60),"
                        + " salary numeric(10,2), dept text, hired date)",
                "INSERT INTO employees SELECT i, '  Emp ' || i || ' ', 'emp' || i || '@example.com', i * 10.5,"
                        + " CASE WHEN i % 10 = 0 THEN NULL ELSE 'd' || (i % 3) END, DATE '2020-01-01' + i"
                        + " FROM generate_series(1, " + ROWS + ") i");
    }

    private static String dept(int i) {
        return i % 10 == 0 ? null : "d" + (i % 3);
    }

    private static Map<String, Object> task(Map<String, Object> transformations) {
        return Map.of("tables", List.of("employees"), "chunk_rows", 1000, "batch_size", 300,
                "transformations", transformations);
    }

    @Test
    void theSeedsWithTransformationsExampleRunsUnchanged() throws Exception {
        String target = "dtaas_it_tf_seed";
        PostgresFixture.freshDatabase(target);
        Map<String, Object> config = Map.of("tables", List.of("employees"), "transformations", Map.of("employees", List.of(
                Map.of("type", "uppercase", "config", Map.of("column", "email")),
                Map.of("type", "trim", "config", Map.of("column", "name")),
                Map.of("type", "rename_column", "config", Map.of("old_name", "emp_id", "new_name", "employee_id")))));
        FullLoadIT.Run run = load(new PostgresConnector(), PostgresFixture.connectionConfig(SRC), new PostgresConnector(),
                PostgresFixture.connectionConfig(target), config, new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            expected.add(i + "|Emp " + i + "|EMP" + i + "@EXAMPLE.COM|" + new BigDecimal(i).multiply(new BigDecimal("10.50"))
                    + "|" + dept(i) + "|" + LocalDate.of(2020, 1, 1).plusDays(i));
        }
        assertThat(rows(target, "SELECT employee_id, name, email, salary, dept, hired FROM public.employees ORDER BY 1"))
                .isEqualTo(expected);
    }

    @Test
    void aChainOfRowWiseTransformationsKeepsChunkingAndIsExactOnRerun() throws Exception {
        String target = "dtaas_it_tf_chain";
        PostgresFixture.freshDatabase(target);
        Map<String, Object> config = task(Map.of("employees", List.of(
                Map.of("type", "filter_rows", "config", Map.of("condition", "salary >= 100 AND dept IN ('d0', 'd1')")),
                Map.of("type", "rename_column", "config", Map.of("old_name", "emp_id", "new_name", "id")),
                Map.of("type", "trim", "config", Map.of("column", "name")),
                Map.of("type", "mask", "config", Map.of("column", "email", "keep_last", 11)),
                Map.of("type", "add_column", "config", Map.of("name", "bonus", "expression", "salary * 0.1")),
                Map.of("type", "extract_date_part", "config", Map.of("column", "hired", "part", "year")),
                Map.of("type", "conditional", "config", Map.of("target", "band", "when", "salary >= 10000",
                        "then", "'high'", "else", "'normal'")),
                Map.of("type", "drop_column", "config", Map.of("column", "hired")))));
        FullLoadIT.Run run = null;
        for (int attempt = 0; attempt < 2; attempt++) { // a repeated run replaces each chunk's key range, by the renamed key
            run = load(new PostgresConnector(), PostgresFixture.connectionConfig(SRC), new PostgresConnector(),
                    PostgresFixture.connectionConfig(target), config, new InMemoryCheckpointStore(), RunControl.NONE);
            assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(run.last().tables()).extracting(TableProgress::chunksTotal).containsExactly(3);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            BigDecimal salary = new BigDecimal(i).multiply(new BigDecimal("10.50"));
            String dept = dept(i);
            if (salary.compareTo(new BigDecimal(100)) < 0 || !("d0".equals(dept) || "d1".equals(dept))) {
                continue;
            }
            String email = "emp" + i + "@example.com";
            String masked = "*".repeat(email.length() - 11) + email.substring(email.length() - 11);
            expected.add(i + "|Emp " + i + "|" + masked + "|" + salary + "|" + dept + "|"
                    + salary.multiply(new BigDecimal("0.1")) + "|" + LocalDate.of(2020, 1, 1).plusDays(i).getYear()
                    + "|" + (salary.compareTo(new BigDecimal(10000)) >= 0 ? "high" : "normal"));
        }
        assertThat(expected).hasSizeGreaterThan(1000);
        // issue 14.8: what was read, written and filtered out, per table
        TableProgress table = run.last().tables().getFirst();
        assertThat(table.rowsRead()).isEqualTo(ROWS);
        assertThat(table.rows()).isEqualTo(expected.size());
        assertThat(table.rowsFiltered()).isEqualTo(ROWS - expected.size());
        assertThat(rows(target, "SELECT id, name, email, salary, dept, bonus, hired_year, band FROM public.employees ORDER BY 1"))
                .isEqualTo(expected);
        assertThat(columns(target, "public.employees")).containsExactly("id", "name", "email", "salary", "dept", "bonus",
                "hired_year", "band");
    }

    @Test
    void rowSetTransformationsMoveTheTableAsOneChunkIntoMariaDb() throws Exception {
        String target = "dtaas_it_tf_agg";
        MariaDbFixture.freshDatabase(target);
        Map<String, Object> config = new java.util.HashMap<>(task(Map.of("employees", List.of(
                Map.of("type", "fill_null", "config", Map.of("column", "dept", "value", "none")),
                Map.of("type", "aggregate", "config", Map.of("group_by", List.of("dept"),
                        "aggregations", List.of("count(*) as people", "sum(salary) as payroll", "max(emp_id) as last_id"))),
                Map.of("type", "sort", "config", Map.of("columns", List.of("payroll desc"))),
                Map.of("type", "limit", "config", Map.of("count", 3))))));
        config.put("target_schema", target);
        FullLoadIT.Run run = load(new PostgresConnector(), PostgresFixture.connectionConfig(SRC), new MysqlConnector(),
                MariaDbFixture.connectionConfig(target), config, new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(run.last().tables()).extracting(TableProgress::chunksTotal).containsExactly(1);

        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> payroll = new TreeMap<>();
        for (int i = 1; i <= ROWS; i++) {
            String dept = dept(i) == null ? "none" : dept(i);
            counts.computeIfAbsent(dept, d -> new long[2])[0]++;
            counts.get(dept)[1] = i;
            payroll.merge(dept, new BigDecimal(i).multiply(new BigDecimal("10.50")), BigDecimal::add);
        }
        List<String> expected = payroll.entrySet().stream()
                .sorted((a, b) -> b.getValue().compareTo(a.getValue())).limit(3)
                .map(e -> e.getKey() + "|" + counts.get(e.getKey())[0] + "|" + e.getValue() + "|" + counts.get(e.getKey())[1])
                .toList();
        List<String> actual = new ArrayList<>();
        try (Connection c = MariaDbFixture.connect(target); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT dept, people, payroll, last_id FROM employees ORDER BY payroll DESC")) {
            while (rs.next()) {
                actual.add(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getBigDecimal(3) + "|" + rs.getLong(4));
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aChangedKeyColumnMovesTheTableAsOneChunk() throws Exception {
        String target = "dtaas_it_tf_key";
        PostgresFixture.freshDatabase(target);
        Map<String, Object> config = task(Map.of("employees", List.of(
                Map.of("type", "hash", "config", Map.of("column", "emp_id", "algorithm", "md5")))));
        for (int attempt = 0; attempt < 2; attempt++) {
            FullLoadIT.Run run = load(new PostgresConnector(), PostgresFixture.connectionConfig(SRC), new PostgresConnector(),
                    PostgresFixture.connectionConfig(target), config, new InMemoryCheckpointStore(), RunControl.NONE);
            assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(run.last().tables()).extracting(TableProgress::chunksTotal).containsExactly(1);
        }
        assertThat(rows(target, "SELECT count(*), count(DISTINCT emp_id), min(length(emp_id)) FROM public.employees"))
                .containsExactly(ROWS + "|" + ROWS + "|32");
        assertThat(rows(target, "SELECT emp_id FROM public.employees WHERE name = '  Emp 7 '"))
                .containsExactly("8f14e45fceea167a5a36dedd4bea2543"); // md5('7')
    }

    @Test
    void aBadValueFailsTheTableNamingTableChunkAndColumn() throws Exception {
        String target = "dtaas_it_tf_bad";
        PostgresFixture.freshDatabase(target);
        Map<String, Object> config = task(Map.of("employees", List.of(
                Map.of("type", "cast", "config", Map.of("column", "name", "data_type", "integer")))));
        FullLoadIT.Run run = load(new PostgresConnector(), PostgresFixture.connectionConfig(SRC), new PostgresConnector(),
                PostgresFixture.connectionConfig(target), config, new InMemoryCheckpointStore(), RunControl.NONE);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.last().error()).contains("table public.employees").contains("cast of column \"name\"")
                .contains("'  Emp ");
    }

    private static List<String> rows(String db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    line.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(line.toString());
            }
        }
        return out;
    }

    private static List<String> columns(String db, String table) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getMetaData().getColumnName(i));
            }
        }
        return out;
    }
}
