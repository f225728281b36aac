-- Tasks API: chunk checkpoints, and the indexes the state machine and restart recovery query by.

-- Committed chunks of a task's tables. A resumed run skips them; a plain start clears them. The plan
-- fingerprint keys them so that a changed plan (other chunk size, changed key range) starts a table over.
CREATE TABLE chunk_checkpoints (
    task_id          BIGINT       NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    table_name       VARCHAR(1000) NOT NULL,
    plan_fingerprint VARCHAR(200) NOT NULL,
    chunk_index      INTEGER      NOT NULL CHECK (chunk_index >= 0),
    rows             BIGINT       NOT NULL CHECK (rows >= 0),
    completed_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (task_id, table_name, plan_fingerprint, chunk_index)
);

ALTER TABLE tasks ADD CONSTRAINT tasks_status_check
    CHECK (status IN ('idle', 'queued', 'running', 'paused', 'stopping', 'stopped', 'completed', 'failed'));
ALTER TABLE executions ADD CONSTRAINT executions_status_check
    CHECK (status IN ('queued', 'running', 'paused', 'stopping', 'stopped', 'completed', 'failed'));

-- Restart recovery looks for executions a previous process left active.
CREATE INDEX executions_active_idx ON executions (status) WHERE status IN ('queued', 'running', 'stopping');
