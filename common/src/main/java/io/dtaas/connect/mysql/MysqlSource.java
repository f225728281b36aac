package io.dtaas.connect.mysql;

import io.dtaas.connect.jdbc.JdbcCatalogBrowser;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import io.dtaas.connect.jdbc.JdbcSource;
import io.dtaas.data.Column;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.DataError;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
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

    private final Supplier<JdbcEndpoint> chunkEndpoint;

    /** @param chunkEndpoint connections that read table chunks ({@link MysqlConnections#chunkReadEndpoint}) */
    MysqlSource(MysqlDialect dialect, Supplier<JdbcEndpoint> endpoint, Supplier<JdbcEndpoint> chunkEndpoint,
                JdbcCatalogBrowser catalog) {
        super(dialect, endpoint, catalog);
        this.chunkEndpoint = chunkEndpoint;
    }

    /**
     * The binary result protocol, except for tables with a FLOAT column: MariaDB's text form of a FLOAT has six
     * significant digits, which is what earlier loads wrote and what validation's canonical text
     * ({@code CAST(f AS CHAR)}) compares, while the binary form is the stored float itself.
     */
    @Override
    protected Connection openForChunks(TableSchema table) throws SQLException {
        boolean floats = table.columns().stream().anyMatch(c -> c.type().kind() == io.dtaas.data.ColumnKind.FLOAT32);
        return floats ? open() : chunkEndpoint.get().open();
    }

    @Override
    protected TableSchema describe(Connection c, TableRef table) throws SQLException {
        List<Column> columns = catalogRows(c, COLUMNS, table, rs -> new Column(rs.getString(1), MysqlTypes.fromMysql(rs.getString(2),
                rs.getString(3), longOrNull(rs, 5), longOrNull(rs, 6), longOrNull(rs, 7)), rs.getBoolean(4)));
        List<String> pk = catalogRows(c, PRIMARY_KEY, table, rs -> rs.getString(1));
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

    /** TIMESTAMP values come as UTC wall-clock times in this session. */
    @Override
    protected java.time.Instant readInstant(ResultSet rs, int i) throws SQLException {
        LocalDateTime t = rs.getObject(i, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /** MySQL TIME is a duration (-838:59:59 to 838:59:59); only times of day map to TIME. */
    @Override
    protected LocalTime readTime(ResultSet rs, int i, Column column) throws SQLException {
        String text = rs.getString(i);
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

    @Override
    protected io.dtaas.connect.jdbc.RowHashSql rowHashSql() {
        return new MysqlRowHash();
    }

    /** Tables without an integer primary key split on a unique NOT NULL integer column ({@link MysqlUniqueKeys}). */
    @Override
    protected String uniqueIntegerColumn(Connection c, TableSchema table) throws SQLException {
        List<String> column = catalogRows(c, MysqlUniqueKeys.UNIQUE_INTEGER_COLUMN, table.table(), rs -> rs.getString(1));
        return column.isEmpty() ? null : column.get(0);
    }
}
