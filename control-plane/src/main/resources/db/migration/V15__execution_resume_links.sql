-- Issue 14.2: a resumed execution links to the one it continues, and that one to its successor, so the paused (or
-- failed) execution a resume took over reads "resumed by #12" instead of staying paused forever.
ALTER TABLE executions ADD COLUMN resumed_from BIGINT REFERENCES executions (id) ON DELETE SET NULL;
ALTER TABLE executions ADD COLUMN resumed_by BIGINT REFERENCES executions (id) ON DELETE SET NULL;
