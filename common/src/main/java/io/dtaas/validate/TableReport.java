package io.dtaas.validate;

import java.util.List;

/**
 * One table's validation result.
 *
 * @param table            the source table ({@code schema.table})
 * @param target           the target table it was compared with
 * @param reason           why the verdict is what it is when that is not evident (not_comparable, keys not located)
 * @param sourceRows       rows in the source (null when not counted)
 * @param targetRows       rows in the target (null when not counted)
 * @param differingKeys    how many keys differ (null when they cannot be located: a table without an integer key)
 * @param differences      the first differing keys with both sides' values
 * @param rowsScanned      rows the databases checksummed, both sides together
 * @param rowsFetched      rows read out of the databases to locate differences, both sides together
 * @param repairedKeys     keys re-copied by a repair (null when no repair ran)
 * @param durationMs       how long the table took
 */
public record TableReport(String table, String target, Verdict verdict, String reason, Long sourceRows, Long targetRows,
                          Long differingKeys, List<KeyDifference> differences, long rowsScanned, long rowsFetched,
                          Long repairedKeys, long durationMs) {

    public TableReport {
        differences = differences == null ? List.of() : List.copyOf(differences);
    }

    /** A table that could not be compared at all (e.g. the target table is missing or a read failed). */
    public static TableReport failed(String table, String target, String reason, long durationMs) {
        return new TableReport(table, target, Verdict.NOT_COMPARABLE, reason, null, null, null, List.of(), 0, 0, null,
                durationMs);
    }

    public TableReport withRepair(long repaired) {
        return new TableReport(table, target, verdict, reason, sourceRows, targetRows, differingKeys, differences,
                rowsScanned, rowsFetched, repaired, durationMs);
    }
}
