package io.dtaas.engine;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Checkpoints kept for the life of the process: one-off command-line runs and tests. */
public final class InMemoryCheckpointStore implements CheckpointStore {

    private final Map<String, Set<Integer>> done = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Long>> rows = new ConcurrentHashMap<>();

    private static String key(long taskId, String table, String fingerprint) {
        return taskId + "|" + table + "|" + fingerprint;
    }

    @Override
    public Set<Integer> completedChunks(long taskId, String table, String planFingerprint) {
        return Set.copyOf(done.getOrDefault(key(taskId, table, planFingerprint), Set.of()));
    }

    @Override
    public void markCompleted(long taskId, String table, String planFingerprint, int chunkIndex, long rows) {
        done.computeIfAbsent(key(taskId, table, planFingerprint), k -> ConcurrentHashMap.newKeySet()).add(chunkIndex);
        this.rows.computeIfAbsent(key(taskId, table, planFingerprint), k -> new ConcurrentHashMap<>()).put(chunkIndex, rows);
    }

    @Override
    public long rowsDone(long taskId, String table, String planFingerprint) {
        return rows.getOrDefault(key(taskId, table, planFingerprint), Map.of()).values().stream()
                .mapToLong(Long::longValue).sum();
    }

    @Override
    public void clear(long taskId) {
        done.keySet().removeIf(k -> k.startsWith(taskId + "|"));
        rows.keySet().removeIf(k -> k.startsWith(taskId + "|"));
    }
}
