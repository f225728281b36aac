package io.dtaas.controlplane.transform;

import java.util.List;

/** The rows a preview read, and the same rows after the transformations, each with its columns. */
public record PreviewResult(Sample before, Sample after) {

    /** Rows as JSON values, aligned with {@code columns}. */
    public record Sample(List<SampleColumn> columns, List<List<Object>> rows) {
    }

    /** @param type the column's logical type: integer, bigint, decimal(10,2), string, date, timestamp, ... */
    public record SampleColumn(String name, String type) {
    }
}
