package io.dtaas.connect.mysql;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.RowStream;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.engine.EdgeCaseData;
import io.dtaas.testing.MariaDbFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Table chunks read in the binary result protocol ({@link MysqlConnections#chunkReadEndpoint}) give the very values
 * the text protocol gave: every edge-case table read both ways, value by value (BigDecimal scales and byte arrays
 * included). Tables with a FLOAT column stay on the text protocol (see {@link MysqlSource#openForChunks}), so the
 * edge-case table is also read without its FLOAT column, which takes the binary protocol.
 */
class MysqlBinaryResultsIT {

    private static final String DB = "dtaas_it_my_binary_results";

    @BeforeAll
    static void data() throws Exception {
        EdgeCaseData.createMariaDb(DB);
        MariaDbFixture.execute(DB, "CREATE TABLE typed_binary LIKE typed", "ALTER TABLE typed_binary DROP COLUMN f",
                "INSERT INTO typed_binary SELECT id, bt, ti, si, mi, i, iu, bi, bu, d, n, vc, t, c, bin, vb, dt, tm, dtm, ts,"
                        + " y, e, j FROM typed");
    }

    @Test
    void binaryResultsEqualTextResultsValueByValue() throws Exception {
        MysqlConfig config = MysqlConfig.from(ConfigValidator.validate(MysqlConnector.TYPE, MariaDbFixture.connectionConfig(DB), "s"));
        Supplier<JdbcEndpoint> text = () -> MysqlConnections.endpoint(config, null, Duration.ofSeconds(30));
        Supplier<JdbcEndpoint> binary = () -> MysqlConnections.chunkReadEndpoint(config, Duration.ofSeconds(30));
        try (MysqlSource before = new MysqlSource(new MysqlDialect(), text, text, null);
             MysqlSource after = new MysqlSource(new MysqlDialect(), text, binary, null)) {
            for (String name : List.of("typed", "typed_binary", "Order Details", "no_pk", "empty_table")) {
                TableSchema schema = before.describe(new TableRef(DB, name));
                List<Object[]> expected = readAll(before, schema);
                List<Object[]> actual = readAll(after, schema);
                assertThat(actual).as(name).hasSameSizeAs(expected);
                for (int r = 0; r < expected.size(); r++) {
                    assertThat(Arrays.deepEquals(actual.get(r), expected.get(r)))
                            .as(name + " row " + r + ": " + Arrays.deepToString(actual.get(r)) + " vs "
                                    + Arrays.deepToString(expected.get(r))).isTrue();
                }
            }
        }
    }

    /** Every chunk's rows in order, small chunks so the key-range reads with parameters are covered. */
    private static List<Object[]> readAll(MysqlSource source, TableSchema schema) {
        List<Object[]> rows = new ArrayList<>();
        for (Chunk chunk : source.plan(schema, 500)) {
            try (RowStream stream = source.read(schema, chunk)) {
                for (Batch b = stream.next(700); b != null; b = stream.next(700)) {
                    rows.addAll(b.rows());
                }
            }
        }
        return rows;
    }
}
