package io.dtaas.engine;

import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.Chunk;
import io.dtaas.connect.RowStream;
import io.dtaas.connect.Source;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.testing.PostgresFixture;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Reads whole tables back for exact comparisons of target with source. */
final class TableContents {

    private TableContents() {
    }

    /** PostgreSQL: one "key|md5(row text)" line per row, sorted; identical types give identical lines. */
    static List<String> postgresRowChecksums(String db, String qualifiedTable) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT md5(ROW(dtaas_row.*)::text) FROM " + qualifiedTable + " dtaas_row")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        rows.sort(String::compareTo);
        return rows;
    }

    /** Any source: every row as normalised text, sorted, so different databases' types compare by value. */
    static List<String> normalisedRows(Source source, TableRef table) {
        TableSchema schema = source.describe(table);
        List<String> rows = new ArrayList<>();
        try (RowStream stream = source.read(schema, new Chunk(schema.table(), 0, 1, new ChunkBounds.WholeTable()))) {
            Batch batch;
            while ((batch = stream.next(5_000)) != null) {
                for (Object[] row : batch.rows()) {
                    StringBuilder line = new StringBuilder();
                    for (Object v : row) {
                        line.append(normalise(v)).append('\u0001');
                    }
                    rows.add(line.toString());
                }
            }
        }
        rows.sort(String::compareTo);
        return rows;
    }

    private static String normalise(Object v) {
        if (v == null) {
            return "<null>";
        }
        if (v instanceof byte[] b) {
            return "bytes:" + HexFormat.of().formatHex(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return "int:" + ((Number) v).longValue();
        }
        if (v instanceof BigDecimal d) {
            return "dec:" + d.toPlainString();
        }
        if (v instanceof Instant i) {
            return "ts:" + LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (v instanceof LocalDateTime t) {
            return "ts:" + t;
        }
        return v.getClass().getSimpleName() + ":" + (v instanceof Object[] a ? Arrays.toString(a) : v);
    }
}
