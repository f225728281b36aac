package io.dtaas.engine;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How a table whose plan is heap-page ranges ({@link ChunkBounds.PageRange}) uses its checkpoints. Page chunks are
 * exact only together: an updated row moves to another page, so every chunk must read the one snapshot the plan
 * exported, and that snapshot ended with the attempt (process) that read it. So:
 * <ul>
 *   <li>a chunk an earlier attempt committed is never skipped alone: the table is skipped only when an attempt
 *       finished every chunk (a marker written once the destination completed the table), otherwise every chunk
 *       is read again in the new snapshot;</li>
 *   <li>its chunks are checkpointed under a key without the page bounds ({@link #chunkKey}), because the plan
 *       moves with the table (updates grow it, statistics change the chunk count): any earlier attempt that
 *       committed a chunk is found, the destination continues that attempt's run, so each redone chunk replaces
 *       its files by index, and the files of chunks beyond the new plan's count are deleted when the table
 *       completes ({@code FileDestination#complete}); none survives as a duplicate, even under append.</li>
 * </ul>
 * Other plans keep every checkpointed chunk of the same plan (a key range reads the same rows whenever it is read).
 *
 * @param applies   whether the plan reads pages in one snapshot
 * @param chunkKey  the checkpoint key chunks are marked under
 * @param rowsKey   the checkpoint key whose rows a skipped or carried table counts
 * @param done      the chunks to skip
 * @param committed the chunks an earlier attempt committed (the destination then continues its run)
 */
record OneSnapshotResume(boolean applies, String chunkKey, String rowsKey, Set<Integer> done, Set<Integer> committed) {

    /**
     * @param fingerprint the exact plan's fingerprint (bounds included)
     * @param planless    the fingerprint of the same target, write mode and transformations without any bounds
     */
    static OneSnapshotResume of(List<Chunk> chunks, String fingerprint, String planless, CheckpointStore checkpoints,
                                long taskId, String table) {
        if (chunks.stream().noneMatch(c -> c.bounds() instanceof ChunkBounds.PageRange)) {
            Set<Integer> committed = checkpoints.completedChunks(taskId, table, fingerprint);
            return new OneSnapshotResume(false, fingerprint, fingerprint, committed, committed);
        }
        String chunkKey = planless + "-heap-pages";
        String finished = finished(chunkKey);
        Set<Integer> committed = checkpoints.completedChunks(taskId, table, chunkKey);
        Set<Integer> done = checkpoints.completedChunks(taskId, table, finished).contains(0)
                ? IntStream.range(0, chunks.size()).boxed().collect(Collectors.toSet()) : Set.of();
        return new OneSnapshotResume(true, chunkKey, finished, done, committed);
    }

    /** The key of the marker saying an attempt finished every chunk (its rows: the table's). */
    static String finished(String chunkKey) {
        return chunkKey + "-finished";
    }

    /** Whether the table must be marked finished once this attempt completed it (it read every chunk). */
    boolean marksFinished() {
        return applies && done.isEmpty();
    }

    /** The table's progress note, saying when an earlier attempt's chunks are read again. */
    String note(String planNote) {
        if (!applies || !done.isEmpty() || committed.isEmpty()) {
            return planNote;
        }
        int redone = committed.size();
        String again = redone + " chunk" + (redone == 1 ? "" : "s") + " an earlier attempt committed read another"
                + " snapshot: every chunk is read again";
        return planNote == null ? again : planNote + "; " + again;
    }
}
