package io.dtaas.connect.oracle;

import io.dtaas.connect.jdbc.JdbcCatalogBrowser;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import io.dtaas.connect.jdbc.JdbcSource;
import io.dtaas.data.Column;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads Oracle tables. Verified at the SQL level only (no Oracle on the CI machine): catalog queries, type
 * mapping and chunk SELECTs are unit-tested.
 */
final class OracleSource extends JdbcSource {

    static final String COLUMNS = """
            SELECT COLUMN_NAME, DATA_TYPE, NULLABLE, DATA_PRECISION, DATA_SCALE, CHAR_LENGTH
            FROM ALL_TAB_COLUMNS WHERE OWNER = ? AND TABLE_NAME = ? ORDER BY COLUMN_ID""";
    static final String PRIMARY_KEY = """
            SELECT cc.COLUMN_NAME FROM ALL_CONSTRAINTS c
            JOIN ALL_CONS_COLUMNS cc ON cc.OWNER = c.OWNER AND cc.CONSTRAINT_NAME = c.CONSTRAINT_NAME
            WHERE c.CONSTRAINT_TYPE = 'P' AND c.OWNER = ? AND c.TABLE_NAME = ? ORDER BY cc.POSITION""";

    OracleSource(OracleDialect dialect, Supplier<JdbcEndpoint> endpoint, JdbcCatalogBrowser catalog) {
        super(dialect, endpoint, catalog);
    }

    @Override
    protected TableSchema describe(Connection c, TableRef table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), OracleTypes.fromOracle(rs.getString(2), intOrNull(rs, 4),
                            intOrNull(rs, 5), intOrNull(rs, 6)), "Y".equals(rs.getString(3))));
                }
            }
        }
        List<String> pk = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PRIMARY_KEY)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pk.add(rs.getString(1));
                }
            }
        }
        return new TableSchema(table, columns, pk);
    }

    private static Integer intOrNull(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    @Override
    protected Object readValue(ResultSet rs, int i, Column column) throws SQLException {
        Object v = switch (column.type().kind()) {
            case BOOLEAN -> rs.getBoolean(i);
            case INT16, INT32 -> rs.getInt(i);
            case INT64 -> rs.getLong(i);
            case FLOAT32 -> rs.getFloat(i);
            case FLOAT64 -> rs.getDouble(i);
            case DECIMAL -> rs.getBigDecimal(i);
            case BINARY -> rs.getBytes(i);
            case DATE -> rs.getObject(i, java.time.LocalDate.class);
            case TIME -> rs.getObject(i, java.time.LocalTime.class);
            case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case TIMESTAMP_TZ -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                yield t == null ? null : t.toInstant();
            }
            case STRING, JSON, INTERVAL, UUID, ARRAY, OTHER -> rs.getString(i);
        };
        return rs.wasNull() ? null : v;
    }
}
