package io.dtaas.connect.catalog;

import java.util.List;

/**
 * Rows of a preview or custom query, as JSON-friendly values (numbers, strings, booleans, lists, null).
 *
 * @param truncated true when the row cap cut the result short
 */
public record QueryResult(List<ResultColumn> columns, List<List<Object>> rows, boolean truncated, long elapsedMs) {
}
