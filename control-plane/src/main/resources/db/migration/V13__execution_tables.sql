-- Honest execution records in distributed mode (issue 12): the metadata database, not Redis, knows which
-- tables an execution must finish and how each ended, so a Redis emptied mid-run or a control-plane killed
-- mid-load can neither complete an execution early nor count a table twice.

-- The plan of an execution (recorded by the worker that selects its tables, before any table job is queued)
-- and each table's final report, stored once: a row whose outcome is set never changes again.
CREATE TABLE execution_tables (
    execution_id BIGINT        NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    table_name   VARCHAR(1000) NOT NULL,
    position     INTEGER       NOT NULL CHECK (position >= 0),
    -- as shown in table_progress: pending, running, completed, failed, interrupted
    state        VARCHAR(20)   NOT NULL,
    -- null until the table's final report: completed, failed, stopped or paused
    outcome      VARCHAR(20)   CHECK (outcome IN ('completed', 'failed', 'stopped', 'paused')),
    rows         BIGINT        NOT NULL DEFAULT 0 CHECK (rows >= 0),
    bytes        BIGINT        NOT NULL DEFAULT 0 CHECK (bytes >= 0),
    chunks_done  INTEGER       NOT NULL DEFAULT 0,
    chunks_total INTEGER       NOT NULL DEFAULT 0,
    error        TEXT,
    -- the fencing epoch of the claim that last ran (or ended) the table
    epoch        BIGINT        NOT NULL DEFAULT 0,
    -- how often the control-plane queued the table again after its job was lost (Redis emptied)
    redispatched INTEGER       NOT NULL DEFAULT 0,
    finished_at  TIMESTAMPTZ,
    PRIMARY KEY (execution_id, table_name),
    CHECK ((outcome IS NULL) = (finished_at IS NULL))
);

-- The job as dispatched (ids, rendered config and variable values; never secrets), so a job Redis lost can be
-- queued again exactly as it was first sent.
ALTER TABLE executions ADD COLUMN dispatched_job JSONB;

-- Workers renew their claims here at every heartbeat: a claim renewed within the lease is a job running
-- somewhere, whatever Redis remembers.
ALTER TABLE table_leases ADD COLUMN renewed_at TIMESTAMPTZ;

-- Which execution committed a chunk: a table resumed within the same execution (a reclaim, a re-dispatch)
-- counts the rows of that execution's earlier chunks, so the record's totals stay exact.
ALTER TABLE chunk_checkpoints ADD COLUMN execution_id BIGINT;
