package io.dtaas.connect.catalog;

import java.util.List;

/**
 * Rows of a preview or custom query, as JSON-friendly values (numbers, strings, booleans, lists, null), cut to
 * the {@link ResultBudget}.
 *
 * @param truncated       true when rows were left out: the row limit, or the size limit ({@code sizeTruncated})
 * @param valuesTruncated true when at least one value was cut at {@link ResultBudget#MAX_VALUE_CHARS}
 * @param truncatedCells  the cut values as {@code [row, column]} pairs (0-based), in row order
 * @param sizeTruncated   true when rows stopped because the answer reached {@link ResultBudget#MAX_RESULT_CHARS}
 */
public record QueryResult(List<ResultColumn> columns, List<List<Object>> rows, boolean truncated, long elapsedMs,
                          boolean valuesTruncated, List<List<Integer>> truncatedCells, boolean sizeTruncated) {

    public QueryResult {
        truncatedCells = truncatedCells == null ? List.of() : truncatedCells;
    }

    /** A result that cut no value. */
    public QueryResult(List<ResultColumn> columns, List<List<Object>> rows, boolean truncated, long elapsedMs) {
        this(columns, rows, truncated, elapsedMs, false, List.of(), false);
    }
}
