package io.dtaas.connect.catalog;

/**
 * A table or view in a source catalog.
 *
 * @param kind        {@code table} or {@code view}
 * @param rowEstimate the database's own estimate (statistics), not a count; null when it has none
 */
public record TableInfo(String schema, String name, String kind, Long rowEstimate) {
}
