package io.dtaas.connect.postgres;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.RowStream;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.DataError;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The binary COPY decoders ({@link BinaryDecoders}, {@link PostgresCopyRowStream}) give exactly the values the
 * JDBC path gives, value by value and type by type (same class, same scale, same text), for every type they take,
 * including NULLs, infinities, BC dates, 24:00, huge numeric scales and long values; tables holding a type they do
 * not know are read through JDBC.
 */
class BinaryCopyDecodingIT {

    private static final String DB = "dtaas_it_pg_binary_copy";

    @BeforeAll
    static void tables() throws Exception {
        PostgresFixture.freshDatabase(DB);
        PostgresFixture.execute(DB,
                "CREATE TABLE every_type (id int, b boolean, i2 smallint, i4 integer, i8 bigint, f4 real,"
                        + " f8 double precision, n numeric(38,10), nu numeric, n0 numeric(5,0), vc varchar(20), t text,"
                        + " c char(5), nm name, bin bytea, d date, tm time, tm3 time(3), ts timestamp, ts0 timestamp(0),"
                        + " tstz timestamptz, iv interval, u uuid, j json, jb jsonb, tarr text[],"
                        + " mac macaddr, money_ money, x xml, bits bit(4),"
                        + " vbits bit varying(8), tsv tsvector)",
                "INSERT INTO every_type (id) VALUES (1)",
                "INSERT INTO every_type VALUES (2, true, -32768, -2147483648, -9223372036854775808, 'NaN', 'Infinity',"
                        + " -9999999999999999999999999999.9999999999, 12345678901234567890.123456789012345678901, -99999,"
                        + " '', '', 'ab', '', '\\x0001ff', '0001-01-01', '00:00:00', '23:59:59.999', '1969-12-31 23:59:59.999999',"
                        + " '1999-12-31 23:59:59', '1969-12-31 23:59:59.999999+00', '-1 year -2 days',"
                        + " '00000000-0000-0000-0000-000000000000', '{\"b\" : 1, \"a\" : [1, 2]}', '{\"b\": 1, \"a\": [1, 2]}',"
                        + " '{\"a\\\"b\",NULL,\"c,d\"}', '08:00:2b:01:02:03', -12.34,"
                        + " '<a>x</a>', B'1010', B'1', 'a fat cat')",
                "INSERT INTO every_type VALUES (3, false, 32767, 2147483647, 9223372036854775807, '-Infinity', 'NaN',"
                        + " 9999999999999999999999999999.9999999999, 0.000000000000000000001, 0, 'x',"
                        + " 'quote \" apostrophe '' comma , newline \n cr \r tab \t backslash \\ emoji 😀 漢字', 'abcde',"
                        + " 'pg_catalog', '\\x', '9999-12-31', '24:00:00', '00:00:00.001', '9999-12-31 23:59:59.999999',"
                        + " '2000-01-01 00:00:00', '2024-02-29 12:34:56.123456+05:30', '1 year 2 mons 3 days 04:05:06.789',"
                        + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '[]', '{}', '{}', 'ff:ff:ff:ff:ff:ff', 0, '', B'0000', B'', '')",
                "INSERT INTO every_type (id, d, ts, tstz) VALUES (4, 'infinity', 'infinity', 'infinity'),"
                        + " (5, '-infinity', '-infinity', '-infinity'),"
                        + " (6, '4713-01-01 BC', '4713-01-01 00:00:00 BC', '4713-01-01 00:00:00+00 BC'),"
                        + " (7, '5874897-12-31', '294276-12-31 23:59:59.999999', '294276-12-31 23:59:59.999999+00'),"
                        + " (8, '1582-10-04', '1582-10-15 00:00:00', '1900-01-01 00:00:00+01'),"
                        + " (9, '0044-03-15 BC', '1960-06-15 12:00:00.5', '1970-01-01 00:00:00.000001+00')",
                // numeric: huge and tiny scales, weights beyond the digits, negative zero-ish values, long digit runs
                "INSERT INTO every_type (id, nu, n) VALUES (10, 1e-1000, 0), (11, 1e1000, -0.0000000001),"
                        + " (12, -123456789012345678901234567890.0000000000000000000000000001, 1.5),"
                        + " (13, 10000, 10000), (14, 0.0001, 0.0001), (15, 100000000, -100000000),"
                        + " (16, 0.00000000, 0), (17, -0.5, 99999999.9999999999), (18, 1234.5678, 0.1)",
                "INSERT INTO every_type (id, t, bin) SELECT 19, repeat('0123456789abcdef', 65536), decode(repeat('ff00', 50000), 'hex')",
                "INSERT INTO every_type (id, i4, i8, f8, n, t, ts, d) SELECT g, g, g::bigint * 1000003, g / 3.0, (g % 100000) / 100.0,"
                        + " md5(g::text), timestamp '2020-01-01' + g * interval '1 second', date '2020-01-01' + g % 3650"
                        + " FROM generate_series(100, 20099) g",
                "CREATE TABLE numeric_nan (id int, n numeric)",
                "INSERT INTO numeric_nan VALUES (1, 1.5), (2, 'NaN')",
                "CREATE TABLE unknown_type (id int, p point, tz timetz, arr int4[], vcarr varchar(5)[],"
                        + " ip inet, ch \"char\")",
                "INSERT INTO unknown_type VALUES (1, '(1.5,2)', '12:00:00+02', '{1,NULL,3}', '{x,NULL}', '::1', 'z'),"
                        + " (2, NULL, NULL, NULL, NULL, NULL, NULL)");
    }

    @AfterAll
    static void drop() throws Exception {
        PostgresFixture.execute("postgres", "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
    }

    private static PostgresSource source() {
        return (PostgresSource) new PostgresConnector().source(ConfigValidator.validate(PostgresConnector.TYPE,
                PostgresFixture.connectionConfig(DB), "c"));
    }

    @Test
    void binaryDecodersGiveExactlyTheJdbcValuesForEveryType() {
        try (PostgresSource source = source()) {
            TableSchema schema = source.describe(new TableRef("public", "every_type"));
            Chunk chunk = new Chunk(schema.table(), 0, 1, new ChunkBounds.WholeTable());
            List<Object[]> binary;
            try (RowStream stream = source.read(schema, chunk)) {
                assertThat(stream).isInstanceOf(PostgresCopyRowStream.class);
                binary = all(stream);
            }
            List<Object[]> jdbc;
            try (RowStream stream = source.readThroughJdbc(schema, chunk)) {
                jdbc = all(stream);
            }
            assertThat(binary).hasSize(jdbc.size()).hasSize(20_019);
            for (int r = 0; r < jdbc.size(); r++) {
                for (int c = 0; c < schema.columns().size(); c++) {
                    Object expected = jdbc.get(r)[c];
                    Object actual = binary.get(r)[c];
                    String where = "row id " + jdbc.get(r)[0] + ", column " + schema.columns().get(c).name()
                            + " (" + schema.columns().get(c).type().sourceType() + ")";
                    if (expected == null) {
                        assertThat(actual).as(where).isNull();
                    } else if (expected instanceof byte[] bytes) {
                        assertThat(actual).as(where).isInstanceOf(byte[].class);
                        assertThat(Arrays.equals(bytes, (byte[]) actual)).as(where).isTrue();
                    } else {
                        assertThat(actual).as(where).isInstanceOf(expected.getClass()).isEqualTo(expected);
                        assertThat(actual.toString()).as(where).isEqualTo(expected.toString()); // BigDecimal scale too
                    }
                }
            }
        }
    }

    @Test
    void numericNanFailsWithTheJdbcPathsMessage() {
        try (PostgresSource source = source()) {
            TableSchema schema = source.describe(new TableRef("public", "numeric_nan"));
            Chunk chunk = new Chunk(schema.table(), 0, 1, new ChunkBounds.WholeTable());
            String jdbcMessage;
            try (RowStream stream = source.readThroughJdbc(schema, chunk)) {
                jdbcMessage = catchMessage(stream);
            }
            try (RowStream stream = source.read(schema, chunk)) {
                assertThat(stream).isInstanceOf(PostgresCopyRowStream.class);
                assertThatThrownBy(() -> all(stream)).isInstanceOf(DataError.class).hasMessage(jdbcMessage);
            }
            assertThat(jdbcMessage).contains("column n holds numeric 'NaN'");
        }
    }

    @Test
    void tablesWithTypesTheDecodersDoNotKnowAreReadThroughJdbc() {
        try (PostgresSource source = source()) {
            TableSchema schema = source.describe(new TableRef("public", "unknown_type"));
            Chunk chunk = new Chunk(schema.table(), 0, 1, new ChunkBounds.WholeTable());
            try (RowStream stream = source.read(schema, chunk)) {
                assertThat(stream).isNotInstanceOf(PostgresCopyRowStream.class);
                List<Object[]> rows = all(stream);
                assertThat(rows).hasSize(2);
                assertThat(rows.get(1)).containsExactly(2, null, null, null, null, null, null);
            }
        }
    }

    private static String catchMessage(RowStream stream) {
        try {
            all(stream);
        } catch (DataError e) {
            return e.getMessage();
        }
        throw new AssertionError("the JDBC path read numeric NaN without failing");
    }

    private static List<Object[]> all(RowStream stream) {
        List<Object[]> rows = new ArrayList<>();
        Batch batch;
        while ((batch = stream.next(1_000)) != null) {
            rows.addAll(batch.rows());
        }
        return rows;
    }
}
