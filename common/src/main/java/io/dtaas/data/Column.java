package io.dtaas.data;

/** One column of a table being moved. */
public record Column(String name, ColumnType type, boolean nullable) {
}
