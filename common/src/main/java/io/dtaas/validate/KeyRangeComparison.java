package io.dtaas.validate;

import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.TableDigests;
import io.dtaas.engine.RunControl;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a table with an integer leading key range by range: both databases checksum a range; equal ranges are
 * done, a differing range is split into {@link #FAN_OUT} parts over its actual key span and each part compared again,
 * down to ranges of at most {@link #LEAF_ROWS} rows, whose rows are compared value by value. So the rows that leave
 * the databases are about the differing rows' neighbourhoods, not the table.
 */
final class KeyRangeComparison {

    static final int LEAF_ROWS = 256;
    static final int FAN_OUT = 16;

    private final TableEnd source;
    private final TableEnd target;
    private final List<String> columns;
    private final LeafComparison leaves;
    private final int sampleLimit;
    private final RunControl control;

    private long sourceRows;
    private long targetRows;
    private long rowsScanned;
    private long rowsFetched;
    private long differingKeys;
    private final List<KeyDifference> samples = new ArrayList<>();
    private final List<long[]> differingRanges = new ArrayList<>();

    KeyRangeComparison(TableEnd source, TableEnd target, List<String> columns, int sampleLimit, RunControl control) {
        this.source = source;
        this.target = target;
        this.columns = columns;
        this.leaves = new LeafComparison(source, target, columns);
        this.sampleLimit = sampleLimit;
        this.control = control;
    }

    /** Compares one top-level range (a chunk of the load's plan); returns false when stopped. */
    boolean compareTop(ChunkBounds.KeyRange range) {
        TableDigests.RangeDigest s = source.digests().digest(source.schema(), columns, range);
        TableDigests.RangeDigest t = target.digests().digest(target.schema(), columns, range);
        sourceRows += s.rows();
        targetRows += t.rows();
        return compare(range, s, t);
    }

    private boolean compare(ChunkBounds.KeyRange range, TableDigests.RangeDigest s, TableDigests.RangeDigest t) {
        rowsScanned += s.rows() + t.rows();
        if (s.equals(t)) {
            return true;
        }
        if (control.stopRequested() || control.pauseRequested()) {
            return false;
        }
        if (Math.max(s.rows(), t.rows()) <= LEAF_ROWS) {
            return leaf(range);
        }
        List<ChunkBounds.KeyRange> parts = split(range);
        if (parts.size() < 2) {
            return leaf(range);
        }
        for (ChunkBounds.KeyRange part : parts) {
            TableDigests.RangeDigest ps = source.digests().digest(source.schema(), columns, part);
            TableDigests.RangeDigest pt = target.digests().digest(target.schema(), columns, part);
            if (!compare(part, ps, pt)) {
                return false;
            }
        }
        return true;
    }

    private boolean leaf(ChunkBounds.KeyRange range) {
        LeafComparison.Result result = leaves.compare(range);
        rowsFetched += result.rowsRead();
        for (LeafComparison.Found found : result.differences()) {
            differingKeys++;
            if (samples.size() < sampleLimit) {
                samples.add(found.difference());
            }
            addDifferingKey(found.lead());
        }
        return true;
    }

    /** Remembers the leading key as a one-key range, merged with its neighbour: what a repair re-copies. */
    private void addDifferingKey(long lead) {
        long[] last = differingRanges.isEmpty() ? null : differingRanges.get(differingRanges.size() - 1);
        if (last != null && last[1] == lead) {
            last[1] = lead + 1;
        } else if (last == null || last[1] <= lead) {
            differingRanges.add(new long[] {lead, lead + 1});
        }
    }

    /** The range cut into up to FAN_OUT parts over the keys both ends actually hold; its outer bounds kept. */
    private List<ChunkBounds.KeyRange> split(ChunkBounds.KeyRange range) {
        TableDigests.KeySpan a = source.digests().span(source.schema(), range);
        TableDigests.KeySpan b = target.digests().span(target.schema(), range);
        if (a == null && b == null) {
            return List.of(range);
        }
        long min = a == null ? b.min() : b == null ? a.min() : Math.min(a.min(), b.min());
        long max = a == null ? b.max() : b == null ? a.max() : Math.max(a.max(), b.max());
        List<ChunkBounds.KeyRange> parts = new ArrayList<>();
        java.math.BigInteger width = java.math.BigInteger.valueOf(max).subtract(java.math.BigInteger.valueOf(min))
                .add(java.math.BigInteger.ONE);
        Long lower = range.lower();
        for (int i = 1; i < FAN_OUT; i++) {
            long cut = java.math.BigInteger.valueOf(min).add(width.multiply(java.math.BigInteger.valueOf(i))
                    .divide(java.math.BigInteger.valueOf(FAN_OUT))).longValue();
            if (cut <= min || (lower != null && cut <= lower)) {
                continue;
            }
            parts.add(new ChunkBounds.KeyRange(range.column(), lower, cut));
            lower = cut;
        }
        parts.add(new ChunkBounds.KeyRange(range.column(), lower, range.upper()));
        return parts;
    }

    long sourceRows() {
        return sourceRows;
    }

    long targetRows() {
        return targetRows;
    }

    long rowsScanned() {
        return rowsScanned;
    }

    long rowsFetched() {
        return rowsFetched;
    }

    long differingKeys() {
        return differingKeys;
    }

    List<KeyDifference> samples() {
        return samples;
    }

    /** Leading-key ranges [from, to) holding every differing row, in key order. */
    List<long[]> differingRanges() {
        return differingRanges;
    }
}
