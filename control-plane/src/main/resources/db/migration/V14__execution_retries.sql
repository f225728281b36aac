-- Transient failures an execution retried and rode through (issue 12): how many, and the latest one's reason
-- (table, chunk or change batch, and the failure). Incremented in place by whichever process retried.
ALTER TABLE executions ADD COLUMN retries INTEGER NOT NULL DEFAULT 0 CHECK (retries >= 0);
ALTER TABLE executions ADD COLUMN last_retry_reason TEXT;
