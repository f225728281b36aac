package io.dtaas.controlplane.execution;

import io.dtaas.controlplane.dispatch.JobDispatcher;
import io.dtaas.controlplane.metadata.StoredTime;
import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.engine.CheckpointStore;
import io.dtaas.error.NotFoundError;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobKind;
import io.dtaas.job.JobSpec;
import io.dtaas.job.TransferConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The task state machine behind start, resume, pause and stop (docs/state-machine.md). Each action decides
 * and writes in one transaction holding the task's row lock, then talks to the dispatcher once that has
 * committed, so a worker always finds the execution it is handed.
 */
@ApplicationScoped
public class TaskLifecycle {

    /** Statuses in which an execution is under way; a task in one has its latest execution in it. */
    public static final Set<ExecutionStatus> ACTIVE = Set.of(ExecutionStatus.QUEUED, ExecutionStatus.RUNNING,
            ExecutionStatus.STOPPING);

    /** Fencing epoch of in-process runs: one process, no reclaiming, so every execution runs once. */
    private static final long IN_PROCESS_EPOCH = 1;

    private final JobDispatcher dispatcher;
    private final CheckpointStore checkpoints;
    private final ResyncHook resync;

    public TaskLifecycle(JobDispatcher dispatcher, CheckpointStore checkpoints, ResyncHook resync) {
        this.dispatcher = dispatcher;
        this.checkpoints = checkpoints;
        this.resync = resync;
    }

    /**
     * The answer to an action.
     *
     * @param accepted  true when the action created an execution or asked a running one to change (202);
     *                  false when it was already in effect or took effect at once (200)
     * @param execution the execution concerned; null when a scheduled task that never ran was paused or stopped
     */
    public record Outcome(boolean accepted, ExecutionView execution) {
    }

    private record Decision(Outcome outcome, JobSpec dispatch, Long stop, Long pause) {

        static Decision answer(boolean accepted, ExecutionEntity e) {
            return new Decision(new Outcome(accepted, e == null ? null : ExecutionView.of(e)), null, null, null);
        }
    }

    /** Runs the task from scratch: its checkpoints are cleared. While it runs, answers its execution. */
    public Outcome start(long taskId) {
        return start(taskId, RunTrigger.MANUAL);
    }

    /** {@link #start(long)}, recording what started it (the scheduler: schedule or retry). */
    public Outcome start(long taskId, RunTrigger trigger) {
        resync.beforeStart(taskId); // a task whose position the source lost resyncs first
        return carryOut(() -> launch(taskId, TaskAction.START, trigger));
    }

    /** Continues a paused (or failed) task from its checkpoints in a new execution. */
    public Outcome resume(long taskId) {
        resync.beforeStart(taskId);
        return carryOut(() -> launch(taskId, TaskAction.RESUME, RunTrigger.RESUME));
    }

    /** Asks a queued or running execution to pause at its next batch boundary; it ends {@code paused}. */
    public Outcome pause(long taskId) {
        return carryOut(() -> {
            TaskEntity task = lockTask(taskId);
            ExecutionStatus status = status(task);
            ExecutionEntity latest = ExecutionEntity.latestOf(taskId).orElse(null);
            if (status == ExecutionStatus.PAUSED) {
                return Decision.answer(false, latest);
            }
            if (holdsSchedule(task, status)) {
                task.status = ExecutionStatus.PAUSED.wireName(); // between runs: the schedule is suspended
                return Decision.answer(false, latest);
            }
            if (!TaskAction.PAUSE.allowedIn(status)) {
                throw TaskAction.PAUSE.refusal(taskId, status);
            }
            return new Decision(new Outcome(true, ExecutionView.of(latest)), null, null, latest.id);
        });
    }

    /** Stops a queued or running execution (through {@code stopping}), or a paused task at once. */
    public Outcome stop(long taskId) {
        return carryOut(() -> {
            TaskEntity task = lockTask(taskId);
            ExecutionStatus status = status(task);
            ExecutionEntity latest = ExecutionEntity.latestOf(taskId).orElse(null);
            if (status == ExecutionStatus.STOPPING || status == ExecutionStatus.STOPPED) {
                return Decision.answer(false, latest);
            }
            boolean schedulePausedOnly = status == ExecutionStatus.PAUSED
                    && (latest == null || !ExecutionStatus.PAUSED.wireName().equals(latest.status));
            if (holdsSchedule(task, status) || schedulePausedOnly) {
                task.status = ExecutionStatus.STOPPED.wireName(); // between runs: the schedule stops until a start
                return Decision.answer(false, latest);
            }
            if (!TaskAction.STOP.allowedIn(status)) {
                throw TaskAction.STOP.refusal(taskId, status);
            }
            ExecutionWriter.Locked locked = new ExecutionWriter.Locked(task, latest, true);
            if (status == ExecutionStatus.PAUSED) {
                // nothing runs: the paused execution becomes stopped, and its checkpoints no longer count
                ExecutionWriter.transition(locked, ExecutionStatus.STOPPED);
                return Decision.answer(false, latest);
            }
            ExecutionWriter.transition(locked, ExecutionStatus.STOPPING);
            return new Decision(new Outcome(true, ExecutionView.of(latest)), null, latest.id, null);
        });
    }

    /**
     * Hands a per-table request to the task's queued or running change stream (issue 16).
     *
     * @return the execution that takes it, or empty when none is under way (or the dispatcher cannot reach it)
     */
    public java.util.Optional<ExecutionView> tell(long taskId, io.dtaas.engine.TableCommand command) {
        ExecutionEntity latest = QuarkusTransaction.requiringNew().call(() -> {
            TaskEntity task = lockTask(taskId);
            ExecutionStatus status = status(task);
            if (status != ExecutionStatus.RUNNING && status != ExecutionStatus.QUEUED) {
                return null;
            }
            return ExecutionEntity.latestOf(taskId).orElse(null);
        });
        if (latest == null || !dispatcher.tableCommand(latest.id, command)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(ExecutionView.of(latest));
    }

    private Decision launch(long taskId, TaskAction action, RunTrigger trigger) {
        TaskEntity task = lockTask(taskId);
        ExecutionStatus status = status(task);
        if (action == TaskAction.START && ACTIVE.contains(status)) {
            return Decision.answer(false, ExecutionEntity.latestOf(taskId).orElseThrow());
        }
        if (!action.allowedIn(status)) {
            throw action.refusal(taskId, status);
        }
        TransferConfig config = TransferConfig.from(task.config);
        ExecutionEntity previous = ExecutionEntity.latestOf(taskId).orElse(null);
        boolean resumable = previous != null && (ExecutionStatus.PAUSED.wireName().equals(previous.status)
                || ExecutionStatus.FAILED.wireName().equals(previous.status));
        if (action == TaskAction.START || !resumable) { // resuming a paused schedule after a finished run starts afresh
            checkpoints.clear(taskId);
        }
        ExecutionEntity e = new ExecutionEntity();
        e.taskId = taskId;
        e.status = ExecutionStatus.QUEUED.wireName();
        e.tableProgress = List.of();
        e.createdAt = StoredTime.now();
        e.runNumber = ExecutionEntity.nextRunNumber(taskId); // under the task's lock: numbers are unique per task
        e.runTrigger = trigger.wireName();
        if (action == TaskAction.RESUME && resumable) {
            e.resumedFrom = previous.id;
        }
        e.persist();
        if (e.resumedFrom != null) {
            previous.resumedBy = e.id; // the old execution reads "resumed by #n" rather than paused forever
        }
        task.status = e.status;
        JobSpec job = new JobSpec(e.id, taskId, task.name, JobKind.fromWire(task.mode), task.sourceConnectorId,
                task.destinationConnectorId, config, IN_PROCESS_EPOCH);
        return new Decision(new Outcome(true, ExecutionView.of(e)), job, null, null);
    }

    private Outcome carryOut(Callable<Decision> decide) {
        Decision d = QuarkusTransaction.requiringNew().call(decide);
        if (d.dispatch() != null) {
            dispatcher.dispatch(d.dispatch());
        }
        if (d.stop() != null) {
            dispatcher.stop(d.stop());
        }
        if (d.pause() != null) {
            dispatcher.pause(d.pause());
        }
        return d.outcome();
    }

    /**
     * True for a scheduled task between runs: pause and stop then act on its schedule (the scheduler starts only
     * resting tasks, so a paused or stopped one waits for resume or start).
     */
    private static boolean holdsSchedule(TaskEntity task, ExecutionStatus status) {
        return task.scheduleType != null && !task.scheduleType.equals("on_demand")
                && (status == ExecutionStatus.IDLE || status == ExecutionStatus.COMPLETED || status == ExecutionStatus.FAILED);
    }

    static TaskEntity lockTask(long taskId) {
        TaskEntity task = TaskEntity.findById(taskId, LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            throw new NotFoundError("task " + taskId + " not found");
        }
        return task;
    }

    static ExecutionStatus status(TaskEntity task) {
        return ExecutionStatus.fromWire(task.status);
    }
}
