package io.dtaas.connect.catalog;

/** A column of a query result: its label and the database's type name. */
public record ResultColumn(String name, String type) {
}
