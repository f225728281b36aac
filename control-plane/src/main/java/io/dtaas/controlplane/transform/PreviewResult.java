package io.dtaas.controlplane.transform;

import java.util.List;

/** The rows a preview read, and the same rows after the transformations, each with its columns. */
public record PreviewResult(Sample before, Sample after) {

    /**
     * Rows as JSON values, aligned with {@code columns}, cut to the limits of
     * {@link io.dtaas.connect.catalog.ResultBudget}.
     *
     * @param valuesTruncated true when at least one value was cut at 65,536 characters (binary: 32,768 bytes)
     * @param truncatedCells  the cut values as {@code [row, column]} pairs (0-based)
     * @param sizeTruncated   true when rows were left out because the sample reached its share of the size limit
     */
    public record Sample(List<SampleColumn> columns, List<List<Object>> rows, boolean valuesTruncated,
                         List<List<Integer>> truncatedCells, boolean sizeTruncated) {
    }

    /** @param type the column's logical type: integer, bigint, decimal(10,2), string, date, timestamp, ... */
    public record SampleColumn(String name, String type) {
    }
}
