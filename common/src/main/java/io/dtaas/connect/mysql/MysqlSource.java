package io.dtaas.connect.mysql;

import io.dtaas.connect.jdbc.JdbcCatalogBrowser;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import io.dtaas.connect.jdbc.JdbcSource;
import io.dtaas.data.Column;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.DataError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Reads MySQL/MariaDB tables, in a UTC session so TIMESTAMP columns come out as instants. */
final class MysqlSource extends JdbcSource {

    private static final String COLUMNS = """
            SELECT column_name, data_type, column_type, is_nullable = 'YES', numeric_precision, numeric_scale,
                   character_maximum_length
            FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position""";
    private static final String PRIMARY_KEY = """
            SELECT column_name FROM information_schema.key_column_usage
            WHERE table_schema = ? AND table_name = ? AND constraint_name = 'PRIMARY' ORDER BY ordinal_position""";

    MysqlSource(MysqlDialect dialect, Supplier<JdbcEndpoint> endpoint, JdbcCatalogBrowser catalog) {
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
                    columns.add(new Column(rs.getString(1), MysqlTypes.fromMysql(rs.getString(2), rs.getString(3),
                            longOrNull(rs, 5), longOrNull(rs, 6), longOrNull(rs, 7)), rs.getBoolean(4)));
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

    private static Long longOrNull(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    @Override
    protected void prepareForReading(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET time_zone = '+00:00'");
        }
        c.setAutoCommit(false);
        c.setReadOnly(true);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
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
            case DATE -> rs.getObject(i, LocalDate.class);
            case TIME -> time(rs.getString(i), column);
            case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case TIMESTAMP_TZ -> utc(rs.getObject(i, LocalDateTime.class));
            case STRING, JSON, INTERVAL, UUID, ARRAY, OTHER -> rs.getString(i);
        };
        return rs.wasNull() ? null : v;
    }

    private static java.time.Instant utc(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /** MySQL TIME is a duration (-838:59:59 to 838:59:59); only times of day map to TIME. */
    private static LocalTime time(String text, Column column) {
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text.length() == 8 || text.indexOf('.') == 8 ? text : "x");
        } catch (java.time.format.DateTimeParseException e) {
            throw new DataError("column " + column.name() + " holds TIME '" + text
                    + "', which is not a time of day; cast it to CHAR in a custom query", null);
        }
    }
}
