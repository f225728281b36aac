-- Scheduled validation (issue 17): a task's config.validation_schedule (a cron expression) starts validation runs
-- whose trigger is 'schedule'.
ALTER TABLE validations DROP CONSTRAINT validations_trigger_check;
ALTER TABLE validations ADD CONSTRAINT validations_trigger_check CHECK (trigger IN ('api', 'after_load', 'schedule'));
