package io.dtaas.connect.jdbc;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.data.TableRef;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Cuts an integer key span into contiguous ranges: [open, b1), [b1, b2), ..., [bn, open). */
final class KeyRanges {

    private KeyRanges() {
    }

    static List<Chunk> split(TableRef table, String key, long min, long max, int parts) {
        BigInteger width = BigInteger.valueOf(max).subtract(BigInteger.valueOf(min)).add(BigInteger.ONE);
        int n = (int) Math.min(parts, width.min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue());
        List<Chunk> chunks = new ArrayList<>(n);
        Long lower = null;
        for (int i = 0; i < n; i++) {
            Long upper = i == n - 1 ? null : BigInteger.valueOf(min)
                    .add(width.multiply(BigInteger.valueOf(i + 1)).divide(BigInteger.valueOf(n))).longValue();
            chunks.add(new Chunk(table, i, n, new ChunkBounds.KeyRange(key, lower, upper)));
            lower = upper;
        }
        return chunks;
    }
}
