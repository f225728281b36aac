-- A cdc execution's latest stream metrics (lag_seconds, position_gap_bytes, events_per_second,
-- last_applied_at), written with its progress; NULL for full loads.
ALTER TABLE executions ADD COLUMN cdc_metrics JSONB;
