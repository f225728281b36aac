package io.dtaas.engine;

import io.dtaas.error.SystemError;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checkpoints in an append-only file, one line per committed chunk, forced to disk before
 * {@link #markCompleted} returns: a process killed at any moment loses at most the chunk in flight, whose
 * rewrite replaces its rows.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private final Path file;

    public FileCheckpointStore(Path file) {
        this.file = file;
    }

    private static String prefix(long taskId, String table, String fingerprint) {
        return taskId + "\t" + table + "\t" + fingerprint + "\t";
    }

    @Override
    public synchronized Set<Integer> completedChunks(long taskId, String table, String planFingerprint) {
        String prefix = prefix(taskId, table, planFingerprint);
        return lines().stream().filter(l -> l.startsWith(prefix))
                .map(l -> Integer.valueOf(l.substring(prefix.length()).split("\t")[0]))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The latest count per chunk (a chunk committed twice has two lines; the later one counts). */
    @Override
    public synchronized long rowsDone(long taskId, String table, String planFingerprint) {
        String prefix = prefix(taskId, table, planFingerprint);
        java.util.Map<String, Long> byChunk = new java.util.HashMap<>();
        lines().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).split("\t"))
                .filter(parts -> parts.length > 1)
                .forEach(parts -> byChunk.put(parts[0], Long.valueOf(parts[1])));
        return byChunk.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public synchronized void markCompleted(long taskId, String table, String planFingerprint, int chunkIndex, long rows) {
        String line = prefix(taskId, table, planFingerprint) + chunkIndex + "\t" + rows + "\n";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (IOException e) {
            throw new SystemError("cannot record a checkpoint in " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void clear(long taskId) {
        List<String> kept = lines().stream().filter(l -> !l.startsWith(taskId + "\t")).toList();
        try {
            Files.write(file, kept, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SystemError("cannot clear checkpoints in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Complete lines only: a line cut short by a crash has no newline and is ignored. */
    private List<String> lines() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.lastIndexOf('\n');
            return end < 0 ? List.of() : content.substring(0, end).lines().toList();
        } catch (IOException e) {
            throw new SystemError("cannot read checkpoints from " + file + ": " + e.getMessage(), e);
        }
    }
}
