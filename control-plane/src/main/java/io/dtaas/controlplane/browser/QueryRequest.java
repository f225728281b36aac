package io.dtaas.controlplane.browser;

/**
 * Body of POST {@code /api/connectors/{id}/query}.
 *
 * @param database another database on the same server (null: the connector's own)
 * @param limit    most rows returned (default 1000, at most 10000)
 */
public record QueryRequest(String sql, String database, Integer limit, Integer timeoutSeconds) {
}
