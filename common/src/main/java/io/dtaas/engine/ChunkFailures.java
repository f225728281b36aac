package io.dtaas.engine;

import io.dtaas.connect.Chunk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chunks of one table that failed for good (after their retries) and those skipped because of them, from
 * many chunk threads. The table's error names every one of them, and each distinct reason once, so a table with
 * many failed chunks still fits the execution's error.
 */
final class ChunkFailures {

    private static final int MAX_REASONS = 5;

    private final String where;
    private final TreeMap<Integer, String> failed = new TreeMap<>();
    private final List<Integer> skipped = new ArrayList<>();
    private int count;

    /** @param where the task and table, e.g. {@code task nightly, table public.orders} */
    ChunkFailures(String where) {
        this.where = where;
    }

    synchronized boolean any() {
        return !failed.isEmpty();
    }

    synchronized void failed(Chunk chunk, String reason) {
        count = chunk.count();
        failed.put(chunk.index() + 1, reason);
    }

    /** A chunk not started because another one failed: it stays unloaded, and a resume loads it. */
    synchronized TableLoad.Outcome skipped(Chunk chunk) {
        count = chunk.count();
        skipped.add(chunk.index() + 1);
        return new TableLoad.Outcome(false, null);
    }

    /** The table's error, or null when no chunk failed. */
    synchronized String message() {
        if (failed.isEmpty()) {
            return null;
        }
        StringBuilder s = new StringBuilder(where).append(": ");
        s.append(failed.size() == 1 ? "chunk " : "chunks ").append(numbers(failed.keySet())).append(" of ").append(count)
                .append(" failed");
        if (!skipped.isEmpty()) {
            s.append(skipped.size() == 1 ? ", chunk " : ", chunks ").append(numbers(skipped.stream().sorted().toList()))
                    .append(" not attempted");
        }
        Map<String, List<Integer>> reasons = new LinkedHashMap<>();
        failed.forEach((chunk, reason) -> reasons.computeIfAbsent(reason, r -> new ArrayList<>()).add(chunk));
        int shown = 0;
        for (Map.Entry<String, List<Integer>> r : reasons.entrySet()) {
            if (shown++ == MAX_REASONS) {
                s.append("; ").append(reasons.size() - MAX_REASONS).append(" other reasons");
                break;
            }
            s.append(r.getValue().size() == 1 ? "; chunk " : "; chunks ").append(numbers(r.getValue())).append(": ")
                    .append(r.getKey());
        }
        return s.toString();
    }

    private static String numbers(Iterable<Integer> chunks) {
        StringBuilder s = new StringBuilder();
        for (Integer n : chunks) {
            s.append(s.isEmpty() ? "" : ", ").append(n);
        }
        return s.toString();
    }
}
