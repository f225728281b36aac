package io.dtaas.connect.oracle;

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
        List<Column> columns = catalogRows(c, COLUMNS, table, rs -> new Column(rs.getString(1),
                OracleTypes.fromOracle(rs.getString(2), intOrNull(rs, 4), intOrNull(rs, 5), intOrNull(rs, 6)),
                "Y".equals(rs.getString(3))));
        List<String> pk = catalogRows(c, PRIMARY_KEY, table, rs -> rs.getString(1));
        return new TableSchema(table, columns, pk);
    }

}
