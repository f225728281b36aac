-- Issue 18 (MariaDB/MySQL sources and the retention chart): what a binlog source keeps for a task, and a bounded
-- history of every measurement.

-- MariaDB/MySQL: the binlog file holding the task's committed offset, and the seconds until the server's binlog
-- expiry may purge it (null: never expires, or unknown); null for PostgreSQL.
ALTER TABLE source_retention ADD COLUMN oldest_needed_file VARCHAR(512);
ALTER TABLE source_retention ADD COLUMN purge_in_seconds BIGINT;

-- Every measurement of the periodic check, kept for dtaas.alerts.retention-history (default 7 days) for the
-- dashboard's chart; pruned by the check itself.
CREATE TABLE retention_history (
    task_id            BIGINT      NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    measured_at        TIMESTAMPTZ NOT NULL,
    position_exists    BOOLEAN     NOT NULL,
    retained_bytes     BIGINT,
    safe_wal_size      BIGINT,
    purge_in_seconds   BIGINT,
    PRIMARY KEY (task_id, measured_at)
);
CREATE INDEX retention_history_measured_at ON retention_history (measured_at);
