package io.dtaas.connect.postgres;

import io.dtaas.connect.jdbc.JdbcCatalogBrowser;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import io.dtaas.connect.jdbc.JdbcSource;
import io.dtaas.data.Column;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Reads PostgreSQL tables: exact types from the catalog, values through pgjdbc's java.time support. */
final class PostgresSource extends JdbcSource {

    private static final String COLUMNS = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
            FROM pg_attribute a
            WHERE a.attrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?)) AND a.attnum > 0
              AND NOT a.attisdropped
            ORDER BY a.attnum""";
    private static final String PRIMARY_KEY = """
            SELECT a.attname
            FROM pg_index i
            JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?)) AND i.indisprimary
            ORDER BY k.ord""";

    PostgresSource(PostgresDialect dialect, Supplier<JdbcEndpoint> endpoint, JdbcCatalogBrowser catalog) {
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
                    columns.add(new Column(rs.getString(1), PostgresTypes.fromPostgres(rs.getString(2)), rs.getBoolean(3)));
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

    @Override
    protected void prepareForReading(Connection c) throws SQLException {
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
            case DECIMAL -> decimal(rs.getString(i), column);
            case BINARY -> rs.getBytes(i);
            case DATE -> rs.getObject(i, LocalDate.class);
            case TIME -> rs.getObject(i, LocalTime.class);
            case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case TIMESTAMP_TZ -> instant(rs.getObject(i, OffsetDateTime.class));
            case STRING, JSON, INTERVAL, UUID, ARRAY, OTHER -> rs.getString(i);
        };
        return rs.wasNull() ? null : v;
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** Through text so that numeric NaN/Infinity fail with a clear message instead of a driver error. */
    private static BigDecimal decimal(String text, Column column) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new io.dtaas.error.DataError("column " + column.name() + " holds numeric '" + text
                    + "', which has no exact decimal form; cast it to double precision or text in a custom query", null);
        }
    }
}
