package io.dtaas.connect;

import io.dtaas.data.TableSchema;

import java.math.BigInteger;
import java.util.List;

/**
 * Row counts and checksums computed inside the database, for validation: the rows never leave it. Each row's
 * checksum is a hash of a canonical text of its values (defined per logical type in docs/type-mapping.md, so a
 * value the type mapping changed on purpose hashes the same on both ends); a range's checksum is the sum of its
 * rows' 60-bit hashes, so it does not depend on row order.
 *
 * <p>Obtained from {@link Source#digests()}; thread-safe, each call opens and closes its own connection.
 */
public interface TableDigests {

    /** The row count and checksum of a key range. */
    record RangeDigest(long rows, BigInteger checksum) {
    }

    /** The smallest and largest leading-key value in a range. */
    record KeySpan(long min, long max) {
    }

    /**
     * Count and checksum of the rows of {@code table} (as this end describes it) in {@code range} (null: the whole
     * table), hashing {@code columns} in that order.
     */
    RangeDigest digest(TableSchema table, List<String> columns, ChunkBounds.KeyRange range);

    /** The leading-key span of the rows in {@code range}, or null when it holds none. */
    KeySpan span(TableSchema table, ChunkBounds.KeyRange range);
}
