package io.dtaas.connect.sqlserver;

import io.dtaas.connect.jdbc.JdbcCatalogBrowser;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import io.dtaas.connect.jdbc.JdbcSource;
import io.dtaas.data.Column;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads SQL Server tables. Verified at the SQL level only (no SQL Server on the CI machine): the catalog
 * queries, type mapping and chunk SELECTs are unit-tested; reads use the JDBC driver's java.time support.
 */
final class SqlServerSource extends JdbcSource {

    static final String COLUMNS = """
            SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, NUMERIC_PRECISION, NUMERIC_SCALE, CHARACTER_MAXIMUM_LENGTH
            FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION""";
    static final String PRIMARY_KEY = """
            SELECT k.COLUMN_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS c
            JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_NAME = c.CONSTRAINT_NAME
             AND k.TABLE_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME
            WHERE c.CONSTRAINT_TYPE = 'PRIMARY KEY' AND c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ?
            ORDER BY k.ORDINAL_POSITION""";

    SqlServerSource(SqlServerDialect dialect, Supplier<JdbcEndpoint> endpoint, JdbcCatalogBrowser catalog) {
        super(dialect, endpoint, catalog);
    }

    @Override
    protected TableSchema describe(Connection c, TableRef table) throws SQLException {
        List<Column> columns = catalogRows(c, COLUMNS, table, rs -> new Column(rs.getString(1),
                SqlServerTypes.fromSqlServer(rs.getString(2), intOrNull(rs, 4), intOrNull(rs, 5), intOrNull(rs, 6)),
                "YES".equals(rs.getString(3))));
        List<String> pk = catalogRows(c, PRIMARY_KEY, table, rs -> rs.getString(1));
        return new TableSchema(table, columns, pk);
    }


    @Override
    protected void prepareForReading(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }
}
