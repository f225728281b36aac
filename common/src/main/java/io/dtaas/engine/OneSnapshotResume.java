package io.dtaas.engine;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How a resumed table whose plan is heap-page ranges ({@link ChunkBounds.PageRange}) may use its checkpoints. Page
 * chunks are exact only together: an updated row moves to another page, so every chunk must read the one snapshot
 * the plan exported, and that snapshot ended with the attempt (process) that read it. Chunks committed by an earlier
 * attempt are therefore never kept alone: the table is skipped only when an attempt finished every chunk (a marker
 * written after its last chunk), and otherwise every chunk is read again in the new snapshot. The destination
 * still continues the earlier attempt's run (the plan, hence the chunk count, is the same under one fingerprint),
 * so each redone chunk replaces that attempt's files of the same index and none of them survives as a duplicate.
 * Other plans keep every checkpointed chunk (a key range reads the same rows whenever it is read).
 *
 * @param applies whether the plan reads pages in one snapshot
 * @param done    the chunks to skip
 * @param redone  how many chunks an earlier attempt committed that are read again
 */
record OneSnapshotResume(boolean applies, Set<Integer> done, int redone) {

    static OneSnapshotResume of(java.util.List<Chunk> chunks, Set<Integer> committed, Set<Integer> finishedMarker) {
        if (chunks.stream().noneMatch(c -> c.bounds() instanceof ChunkBounds.PageRange)) {
            return new OneSnapshotResume(false, committed, 0);
        }
        if (finishedMarker.contains(0)) {
            return new OneSnapshotResume(true, IntStream.range(0, chunks.size()).boxed().collect(Collectors.toSet()), 0);
        }
        return new OneSnapshotResume(true, Set.of(), committed.size());
    }

    /** The checkpoint key of the marker saying an attempt finished every chunk of the plan {@code fingerprint}. */
    static String finished(String fingerprint) {
        return fingerprint + "-finished";
    }

    /** The table's progress note, saying when an earlier attempt's chunks are read again. */
    String note(String planNote) {
        if (redone == 0) {
            return planNote;
        }
        String again = redone + " chunk" + (redone == 1 ? "" : "s") + " an earlier attempt committed read another"
                + " snapshot: every chunk is read again";
        return planNote == null ? again : planNote + "; " + again;
    }
}
