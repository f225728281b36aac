-- Issue 18 (guard rails): what each streaming task's source retains for it, and tasks marked to resync.

-- The newest measurement of the log a task's source keeps for its stream (running or not), one row per task.
CREATE TABLE source_retention (
    task_id          BIGINT      PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    position_exists  BOOLEAN     NOT NULL,
    retained_bytes   BIGINT,
    wal_status       VARCHAR(20),
    safe_wal_size    BIGINT,
    measured_at      TIMESTAMPTZ NOT NULL
);

-- Set when the task's position on the source is gone (slot invalidated, or dropped at the hard limit): the
-- next start resyncs, and until then the task says why.
ALTER TABLE tasks ADD COLUMN resync_reason TEXT;
ALTER TABLE tasks ADD COLUMN resync_marked_at TIMESTAMPTZ;
