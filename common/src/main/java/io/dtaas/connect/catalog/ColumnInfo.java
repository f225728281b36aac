package io.dtaas.connect.catalog;

/**
 * A column as the source database declares it.
 *
 * @param dataType          the database's own type name, with size/precision where it has one
 * @param primaryKeyPosition 1-based position in the primary key, null when not part of it
 * @param foreignKey        what the column references, null when it references nothing
 */
public record ColumnInfo(String name, int position, String dataType, int jdbcType, boolean nullable,
                         String defaultValue, Integer primaryKeyPosition, ForeignKeyRef foreignKey) {

    /** The target of a foreign key. */
    public record ForeignKeyRef(String schema, String table, String column) {
    }
}
