-- Issue 14.9: runs are numbered per task (#1, #2 ...) and say what started them, for the run detail.
-- run_number: the execution's place among its task's executions, assigned under the task's row lock at launch.
-- run_trigger: manual (a start through the API), resume, schedule, or retry (the schedule starting a task whose
-- last run failed); NULL for executions recorded before this column existed.
ALTER TABLE executions ADD COLUMN run_number BIGINT;
ALTER TABLE executions ADD COLUMN run_trigger VARCHAR(16);
UPDATE executions e SET run_number = n.rn
  FROM (SELECT id, row_number() OVER (PARTITION BY task_id ORDER BY id) AS rn FROM executions) n
 WHERE n.id = e.id;
UPDATE executions SET run_trigger = 'resume' WHERE resumed_from IS NOT NULL;
