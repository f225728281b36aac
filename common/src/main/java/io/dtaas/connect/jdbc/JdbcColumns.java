package io.dtaas.connect.jdbc;

import io.dtaas.connect.catalog.ColumnInfo;
import io.dtaas.connect.catalog.ColumnInfo.ForeignKeyRef;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads one table's columns with primary- and foreign-key membership from {@link DatabaseMetaData}. */
final class JdbcColumns {

    private JdbcColumns() {
    }

    /**
     * @param catalog   the JDBC catalog argument
     * @param schemaArg the JDBC schema argument (null where schemas are catalogs)
     * @param schema    the schema's real name, to filter pattern matches
     */
    static List<ColumnInfo> read(DatabaseMetaData meta, String catalog, String schemaArg, String schema, String table)
            throws SQLException {
        Map<String, Integer> pk = primaryKey(meta, catalog, schemaArg, table);
        Map<String, ForeignKeyRef> fks = foreignKeys(meta, catalog, schemaArg, table);
        List<ColumnInfo> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(catalog, schemaArg, literalPattern(meta, table), "%")) {
            while (rs.next()) {
                String owner = schemaArg == null ? rs.getString("TABLE_CAT") : rs.getString("TABLE_SCHEM");
                if (!table.equals(rs.getString("TABLE_NAME")) || !schema.equals(owner)) {
                    continue;
                }
                String name = rs.getString("COLUMN_NAME");
                int jdbcType = rs.getInt("DATA_TYPE");
                columns.add(new ColumnInfo(name, rs.getInt("ORDINAL_POSITION"),
                        typeName(rs.getString("TYPE_NAME"), jdbcType, rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS")),
                        jdbcType, rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        rs.getString("COLUMN_DEF"), pk.get(name), fks.get(name)));
            }
        }
        columns.sort((a, b) -> Integer.compare(a.position(), b.position()));
        return columns;
    }

    private static Map<String, Integer> primaryKey(DatabaseMetaData meta, String catalog, String schema, String table)
            throws SQLException {
        Map<String, Integer> pk = new HashMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                pk.put(rs.getString("COLUMN_NAME"), rs.getInt("KEY_SEQ"));
            }
        }
        return pk;
    }

    private static Map<String, ForeignKeyRef> foreignKeys(DatabaseMetaData meta, String catalog, String schema,
                                                         String table) throws SQLException {
        Map<String, ForeignKeyRef> fks = new HashMap<>();
        try (ResultSet rs = meta.getImportedKeys(catalog, schema, table)) {
            while (rs.next()) {
                String refSchema = schema == null ? rs.getString("PKTABLE_CAT") : rs.getString("PKTABLE_SCHEM");
                fks.put(rs.getString("FKCOLUMN_NAME"),
                        new ForeignKeyRef(refSchema, rs.getString("PKTABLE_NAME"), rs.getString("PKCOLUMN_NAME")));
            }
        }
        return fks;
    }

    /** The type as a user would write it: varchar(255), numeric(38,10); bare name where size means nothing. */
    static String typeName(String name, int jdbcType, int size, int digits) {
        return switch (jdbcType) {
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR ->
                    size > 0 && size < 1_000_000 && !name.contains("(") ? name + "(" + size + ")" : name;
            case Types.NUMERIC, Types.DECIMAL ->
                    size > 0 && size <= 100 && !name.contains("(") ? name + "(" + size + "," + digits + ")" : name;
            default -> name;
        };
    }

    /** Metadata calls take LIKE patterns: escape '_' and '%' so a name matches only itself. */
    static String literalPattern(DatabaseMetaData meta, String name) throws SQLException {
        String esc = meta.getSearchStringEscape();
        if (esc == null || esc.isEmpty()) {
            return name;
        }
        return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    }
}
