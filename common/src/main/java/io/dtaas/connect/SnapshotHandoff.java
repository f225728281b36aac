package io.dtaas.connect;

import java.util.Optional;

/**
 * A stream start fixed before a full load ({@link ChangeCapture#beginHandoff}). Used by one thread; the load runs
 * while it is open.
 */
public interface SnapshotHandoff extends AutoCloseable {

    /**
     * The load completed: the offset the stream must start from, when the source fixes its start that way
     * (MySQL/MariaDB: the binlog position read in the load's snapshot); empty when the source keeps the start
     * itself (PostgreSQL: the slot created before the load).
     */
    Optional<StreamOffset> loaded();

    /** Releases what the load needed (an exported snapshot, a pinned read view); the stream's start stays. */
    @Override
    void close();
}
