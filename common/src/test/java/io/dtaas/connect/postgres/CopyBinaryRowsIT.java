package io.dtaas.connect.postgres;

import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.testing.EdgeCaseBatch;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binary COPY rows ({@link CopyBinaryRows}) land exactly as the CSV rows they replace: the same batch goes to two
 * tables of the same types, one through each path, and the server's text form of every row is compared.
 */
class CopyBinaryRowsIT {

    private static final String DB = "dtaas_it_copy_binary";
    private static final Set<ColumnKind> TEXT_ONLY = Set.of(ColumnKind.UUID, ColumnKind.INTERVAL, ColumnKind.ARRAY,
            ColumnKind.OTHER);

    @BeforeAll
    static void database() throws SQLException {
        PostgresFixture.freshDatabase(DB);
    }

    @Test
    void edgeCaseValuesLandAsTheirCsvFormsDo() throws SQLException {
        Batch edge = EdgeCaseBatch.batch();
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("id", ColumnType.of(ColumnKind.INT32), false));
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < edge.schema().columns().size(); i++) {
            Column c = edge.schema().columns().get(i);
            if (!TEXT_ONLY.contains(c.type().kind())) {
                columns.add(c);
                kept.add(i);
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < edge.rows().size(); r++) {
            Object[] row = new Object[columns.size()];
            row[0] = r;
            for (int k = 0; k < kept.size(); k++) {
                row[k + 1] = edge.rows().get(r)[kept.get(k)];
            }
            rows.add(row);
        }
        List<String> types = columns.stream().map(c -> PostgresTypes.toPostgres(c.type())).toList();
        assertSameThroughBothPaths("edge", columns, types, rows);
    }

    @Test
    void roundingInfinitiesTypmodsAndScalesLandAsTheirCsvFormsDo() throws SQLException {
        List<Column> columns = List.of(
                new Column("id", ColumnType.of(ColumnKind.INT32), false),
                new Column("d", ColumnType.decimal(null, null), true),
                new Column("n", ColumnType.decimal(10, 3), true),
                new Column("ts", ColumnType.of(ColumnKind.TIMESTAMP), true),
                new Column("tz", ColumnType.of(ColumnKind.TIMESTAMP_TZ), true),
                new Column("t", ColumnType.of(ColumnKind.TIME), true),
                new Column("dt", ColumnType.of(ColumnKind.DATE), true),
                new Column("c", ColumnType.of(ColumnKind.STRING), true),
                new Column("j", ColumnType.of(ColumnKind.JSON), true),
                new Column("jb", ColumnType.of(ColumnKind.JSON), true),
                new Column("f4", ColumnType.of(ColumnKind.FLOAT32), true),
                new Column("f8", ColumnType.of(ColumnKind.FLOAT64), true),
                new Column("i2", ColumnType.of(ColumnKind.INT16), true));
        List<String> types = List.of("integer", "numeric", "numeric(10,3)", "timestamp(3) without time zone",
                "timestamp with time zone", "time without time zone", "date", "character(5)", "json", "jsonb", "real",
                "double precision", "smallint");
        List<Object[]> rows = List.of(
                new Object[] {0, BigDecimal.ZERO, new BigDecimal("1.23456"), LocalDateTime.of(2020, 1, 1, 0, 0, 0, 123_456_789),
                        Instant.parse("2020-01-01T00:00:00.9999995Z"), LocalTime.of(23, 59, 59, 999_999_500), LocalDate.MAX,
                        "ab", "{ \"a\" :  1 }", "{\"b\": [1, 2]}", -0.0f, -0.0, (short) -1},
                new Object[] {1, new BigDecimal("-0.0001"), new BigDecimal("-999.9995"), LocalDateTime.of(-44, 3, 15, 12, 0),
                        Instant.parse("1900-06-30T23:59:59.0000005Z"), LocalTime.of(0, 0, 0, 500), LocalDate.MIN, "",
                        "[]", "\"ü😀\"", Float.MIN_VALUE, Double.MIN_VALUE, (short) 32767},
                new Object[] {2, new BigDecimal("1E-20"), new BigDecimal("0.0005"), LocalDateTime.MAX,
                        Instant.parse("2000-01-01T00:00:00Z"), LocalTime.of(12, 0, 0, 1_499), LocalDate.of(-100, 1, 1),
                        "abcde", "null", "{}", 3.4028235e38f, 1.7976931348623157e308, (short) -32768},
                new Object[] {3, new BigDecimal("1E+5"), new BigDecimal("9999999.999"), LocalDateTime.MIN,
                        Instant.parse("2024-02-29T12:00:00.000001500Z"), LocalTime.MIDNIGHT, LocalDate.of(2000, 1, 1),
                        "x y", "1.50", "1.50", 0.1f, 0.1, (short) 0},
                new Object[] {4, new BigDecimal("12345678.90"), new BigDecimal("-0.00049"),
                        LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_500_000), Instant.parse("1900-12-31T00:00:00.0000015Z"),
                        LocalTime.of(1, 2, 3), LocalDate.of(1999, 12, 31), null, null, null, null, null, null},
                new Object[] {5, new BigDecimal("99999999999999999999999999999999999999.00000000000000000000001"),
                        new BigDecimal("10000"), LocalDateTime.of(2000, 1, 1, 0, 0), Instant.EPOCH, LocalTime.of(10, 0),
                        LocalDate.of(1970, 1, 1), "é", "{\"k\": \"v\\u00e9\"}", "[1, \"two\", null]", Float.NaN,
                        Double.NEGATIVE_INFINITY, (short) 1},
                new Object[] {6, new BigDecimal("-10000.0001"), null, null, null, null, null, null, null, null, null, null, null});
        assertSameThroughBothPaths("mixed", columns, types, rows);
    }

    @Test
    void onlyTypesWithABinaryFormHere() {
        assertThat(CopyBinaryRows.encodable(ColumnType.of(ColumnKind.STRING), "character varying(64)")).isTrue();
        assertThat(CopyBinaryRows.encodable(ColumnType.decimal(12, 2), "numeric(12,2)")).isTrue();
        assertThat(CopyBinaryRows.encodable(ColumnType.of(ColumnKind.INT32), "bigint")).isFalse();
        assertThat(CopyBinaryRows.encodable(ColumnType.of(ColumnKind.STRING), "uuid")).isFalse();
        assertThat(CopyBinaryRows.encodable(ColumnType.of(ColumnKind.UUID), "uuid")).isFalse();
        assertThat(CopyBinaryRows.encodable(ColumnType.of(ColumnKind.STRING), "citext")).isFalse();
        assertThat(CopyBinaryRows.encodable(ColumnType.of(ColumnKind.INT32), "integer[]")).isFalse();
        assertThat(CopyBinaryRows.encodable(ColumnType.of(ColumnKind.INT32), null)).isFalse();
    }

    /** Writes {@code rows} as CSV into {@code <name>_csv} and in binary into {@code <name>_bin}; compares them. */
    private static void assertSameThroughBothPaths(String name, List<Column> columns, List<String> types, List<Object[]> rows)
            throws SQLException {
        TableSchema schema = new TableSchema(new TableRef("public", name), columns, List.of());
        String ddl = "";
        for (int i = 0; i < columns.size(); i++) {
            ddl += (i > 0 ? ", " : "") + "\"" + columns.get(i).name() + "\" " + types.get(i);
        }
        for (String suffix : List.of("_csv", "_bin")) {
            PostgresFixture.execute(DB, "DROP TABLE IF EXISTS " + name + suffix, "CREATE TABLE " + name + suffix + " (" + ddl + ")");
        }
        write(schema, name + "_csv", rows, null);
        write(schema, name + "_bin", rows, types.stream().map(t -> t.equals("timestamp") ? "timestamp without time zone"
                : t.equals("timestamptz") ? "timestamp with time zone" : t.equals("time") ? "time without time zone" : t).toList());
        List<String> csv = rowsAsText(name + "_csv");
        assertThat(csv).hasSize(rows.size());
        assertThat(rowsAsText(name + "_bin")).containsExactlyElementsOf(csv);
    }

    private static void write(TableSchema schema, String table, List<Object[]> rows, List<String> binaryTypes)
            throws SQLException {
        if (binaryTypes != null) {
            for (int i = 0; i < binaryTypes.size(); i++) {
                assertThat(CopyBinaryRows.encodable(schema.columns().get(i).type(), binaryTypes.get(i)))
                        .as(schema.columns().get(i).name() + " as " + binaryTypes.get(i)).isTrue();
            }
        }
        String columnList = schema.columns().stream().map(c -> "\"" + c.name() + "\"").collect(Collectors.joining(", "));
        Connection c = PostgresFixture.connect(DB);
        c.setAutoCommit(false);
        try (PostgresCopyWriter writer = new PostgresCopyWriter(new PostgresDialect(), c, schema, table, columnList, null,
                false, binaryTypes, "test")) {
            // two batches, so the header goes once and rows follow across writes
            writer.write(new Batch(schema, rows.subList(0, rows.size() / 2)));
            writer.write(new Batch(schema, rows.subList(rows.size() / 2, rows.size())));
            writer.commit();
        }
    }

    private static List<String> rowsAsText(String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(DB); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT t::text FROM " + table + " t ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
