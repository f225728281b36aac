package io.dtaas.data;

/**
 * A column's logical type with the details destinations need to recreate it.
 *
 * @param precision DECIMAL: declared precision (null: unconstrained); STRING: declared max length (null: unbounded);
 *                  TIME/TIMESTAMP: fractional-second digits when known
 * @param scale     DECIMAL: declared scale (null: unconstrained)
 * @param sourceType the source database's own type name, for destinations of the same kind (e.g. {@code int4[]})
 */
public record ColumnType(ColumnKind kind, Integer precision, Integer scale, String sourceType) {

    public static ColumnType of(ColumnKind kind) {
        return new ColumnType(kind, null, null, null);
    }

    public static ColumnType decimal(Integer precision, Integer scale) {
        return new ColumnType(ColumnKind.DECIMAL, precision, scale, null);
    }

    public ColumnType withSourceType(String type) {
        return new ColumnType(kind, precision, scale, type);
    }
}
