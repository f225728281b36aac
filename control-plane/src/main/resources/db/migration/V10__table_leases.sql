-- Distributed mode: which worker holds a task's table, under which fencing epoch. Every claim raises the
-- epoch; checkpoints are written only under the current one, so a worker that lost its lease stops.
CREATE TABLE table_leases (
    task_id      BIGINT        NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    table_name   VARCHAR(1000) NOT NULL,
    epoch        BIGINT        NOT NULL CHECK (epoch > 0),
    execution_id BIGINT        NOT NULL,
    worker_id    VARCHAR(200)  NOT NULL,
    claimed_at   TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (task_id, table_name)
);
