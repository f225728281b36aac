package io.dtaas.controlplane.task;

import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.controlplane.api.ConflictException;
import io.dtaas.controlplane.execution.ExecutionQueries;
import io.dtaas.controlplane.execution.ExecutionSummary;
import io.dtaas.controlplane.execution.TaskAction;
import io.dtaas.controlplane.execution.ResyncHook;
import io.dtaas.controlplane.execution.TaskLifecycle;
import io.dtaas.controlplane.metadata.StoredTime;
import io.dtaas.controlplane.validation.ValidationQueries;
import io.dtaas.controlplane.validation.ValidationSummary;
import io.dtaas.error.NotFoundError;
import io.dtaas.job.ExecutionStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Map;

/**
 * Creates, lists, changes and deletes task definitions. Validation (which may ask the source's catalog)
 * runs before any transaction opens, so a slow source never holds a task's row lock; the write then
 * happens in a short transaction that stores nothing unless everything was valid.
 */
@ApplicationScoped
public class TaskService {

    private final TaskValidator validator;
    private final ExecutionQueries executions;
    private final ChangeCaptureCleanup changeCapture;
    private final ValidationQueries validations;
    private final StreamSafetyStore safety;
    private final ResyncHook resynced;
    private final TaskLifecycle lifecycle;

    public TaskService(TaskValidator validator, ExecutionQueries executions, ChangeCaptureCleanup changeCapture,
                       ValidationQueries validations, StreamSafetyStore safety, ResyncHook resynced,
                       TaskLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.validator = validator;
        this.executions = executions;
        this.changeCapture = changeCapture;
        this.validations = validations;
        this.safety = safety;
        this.resynced = resynced;
    }

    public List<TaskView> list() {
        List<TaskEntity> tasks = TaskEntity.listAll(Sort.by("id"));
        Map<Long, ExecutionSummary> latest = executions.latestByTask();
        Map<Long, ValidationSummary> checked = validations.latestByTask();
        Map<Long, StreamSafetyStore.Safety> safe = safety.byTask();
        return tasks.stream().map(t -> TaskView.of(t, latest.get(t.id), checked.get(t.id))
                .withSafety(safe.getOrDefault(t.id, StreamSafetyStore.Safety.NONE))).toList();
    }

    public TaskView get(long id) {
        return TaskView.of(require(id), executions.latestOf(id), validations.latestOf(id)).withSafety(safety.of(id));
    }

    public TaskView create(TaskRequest request) {
        List<String> warnings = new java.util.ArrayList<>();
        TaskDefinition valid = validator.validate(request, null, warnings);
        return QuarkusTransaction.requiringNew().call(() -> {
            requireFreeName(valid.name(), null);
            TaskEntity e = new TaskEntity();
            valid.applyTo(e);
            e.status = ExecutionStatus.IDLE.wireName();
            e.createdAt = StoredTime.now();
            e.updatedAt = e.createdAt;
            e.persist();
            return TaskView.of(e, null, null).withWarnings(warnings);
        });
    }

    /**
     * Applies to the task's next execution; one under way keeps the definition it started with, except a change
     * stream's tables (issue 16): a running cdc or full_load_then_cdc execution copies tables added to it online
     * and stops following removed ones.
     */
    public TaskView update(long id, TaskRequest request) {
        TaskDefinition current = QuarkusTransaction.requiringNew().call(() -> TaskDefinition.of(require(id)));
        List<String> warnings = new java.util.ArrayList<>();
        TaskDefinition valid = validator.validate(request, current, warnings);
        TaskView updated = store(id, current, valid, warnings);
        if (valid.mode() != io.dtaas.job.JobKind.FULL_LOAD && valid.mode() == current.mode()
                && !java.util.Objects.equals(tablesOf(valid.config()), tablesOf(current.config()))) {
            try {
                lifecycle.tell(id, new io.dtaas.engine.TableCommand.Reconfigure(
                        io.dtaas.job.TransferConfig.from(valid.config())));
            } catch (io.dtaas.error.TransientError e) {
                // the change is stored: the running stream misses it (distributed mode, Redis down), its next start not
                warnings.add("config.tables: the running execution could not be told (" + e.getMessage()
                        + "); the tables apply when the task next starts");
                return updated.withWarnings(warnings);
            }
        }
        return updated;
    }

    private static List<Object> tablesOf(Map<String, Object> config) {
        return config == null ? List.of() : java.util.Arrays.asList(config.get("tables"), config.get("exclude_tables"));
    }

    private TaskView store(long id, TaskDefinition current, TaskDefinition valid, List<String> warnings) {
        return QuarkusTransaction.requiringNew().call(() -> {
            TaskEntity e = lock(id);
            if (!TaskDefinition.of(e).equals(current)) {
                throw new ConflictException("task " + id + " was changed by another request meanwhile; reload it and retry");
            }
            requireFreeName(valid.name(), id);
            valid.applyTo(e);
            e.updatedAt = StoredTime.now();
            return TaskView.of(e, executions.latestOf(id), validations.latestOf(id)).withWarnings(warnings);
        });
    }

    /**
     * Appends one list of transformations to several tables' lists (or replaces them), validated like any
     * update: the answer is the updated task, or a 422 naming the fields at fault.
     */
    public TaskView applyTransformations(long id, BulkTransformationsRequest request) {
        TaskDefinition current = QuarkusTransaction.requiringNew().call(() -> TaskDefinition.of(require(id)));
        Map<String, Object> merged = BulkTransformations.merge(current.config(), request);
        return update(id, new TaskRequest(null, null, null, null, null, null, null, Map.of("transformations", merged)));
    }

    /** Deletes the task with its executions and checkpoints; refused while an execution is under way. */
    public void delete(long id) {
        TaskEntity deleted = QuarkusTransaction.requiringNew().call(() -> {
            TaskEntity e = lock(id);
            ExecutionStatus status = ExecutionStatus.fromWire(e.status);
            if (TaskLifecycle.ACTIVE.contains(status)) {
                throw TaskAction.DELETE.refusal(id, status);
            }
            e.delete();
            return e;
        });
        // after the commit: a source that cannot be reached never keeps a task from being deleted
        if (ChangeCaptureCleanup.CDC_MODES.contains(deleted.mode)) {
            changeCapture.forget(id, deleted.sourceConnectorId);
        }
    }

    /**
     * Forgets a change-capture task's position (slot, publication, offsets) so its next start streams from the
     * current source position, after a full load in full_load_then_cdc mode. {@code tables}, when given, must
     * be tables of the task; the position is the whole stream's, so every table restarts.
     */
    public ResyncView resync(long id, ResyncRequest request) {
        TaskEntity running = QuarkusTransaction.requiringNew().call(() -> require(id));
        if (ChangeCaptureCleanup.CDC_MODES.contains(running.mode)
                && TaskLifecycle.ACTIVE.contains(ExecutionStatus.fromWire(running.status))) {
            // a running stream copies the tables again online, the others streaming on (issue 16)
            List<String> tables = ResyncRequest.checkedTables(request, running.config);
            if (lifecycle.tell(id, new io.dtaas.engine.TableCommand.Resync(tables)).isPresent()) {
                return new ResyncView(id, tables, List.of(), List.of(), true);
            }
        }
        TaskEntity task = QuarkusTransaction.requiringNew().call(() -> {
            TaskEntity e = lock(id);
            ExecutionStatus status = ExecutionStatus.fromWire(e.status);
            if (TaskLifecycle.ACTIVE.contains(status)) {
                throw new ConflictException("cannot resync task " + id + ": it is " + status.wireName()
                        + ". Pause or stop it first.");
            }
            return e;
        });
        if (!ChangeCaptureCleanup.CDC_MODES.contains(task.mode)) {
            throw new io.dtaas.error.ConfigError("mode", "task " + id + " is a " + task.mode
                    + " task; only cdc and full_load_then_cdc tasks have a position to resync");
        }
        List<String> tables = ResyncRequest.checkedTables(request, task.config);
        io.dtaas.connect.CaptureCleanup cleanup = changeCapture.forget(id, task.sourceConnectorId);
        resynced.resynced(id, "The task was resynced through the API (POST /api/tasks/" + id + "/resync).");
        return new ResyncView(id, tables, cleanup.dropped(), cleanup.leftOver(), false);
    }

    /**
     * Pauses or resumes some tables of the task's running change stream (issue 16): a paused table's changes are
     * dropped, nothing is held; resuming copies it again online (as a resync of that table).
     *
     * @throws ConflictException when no change stream of the task is under way
     */
    public TableActionView tables(long id, String action, ResyncRequest request) {
        TaskEntity task = QuarkusTransaction.requiringNew().call(() -> require(id));
        if (!ChangeCaptureCleanup.CDC_MODES.contains(task.mode)) {
            throw new io.dtaas.error.ConfigError("mode", "task " + id + " is a " + task.mode
                    + " task; only cdc and full_load_then_cdc tasks pause and resume single tables");
        }
        if (request == null || request.tables() == null || request.tables().isEmpty()) {
            throw new io.dtaas.error.ConfigError("tables", "name the tables to " + action);
        }
        List<String> tables = ResyncRequest.checkedTables(request, task.config);
        io.dtaas.engine.TableCommand command = action.equals("pause")
                ? new io.dtaas.engine.TableCommand.Pause(tables) : new io.dtaas.engine.TableCommand.Resume(tables);
        Long execution = lifecycle.tell(id, command).map(e -> e.id()).orElseThrow(() -> new ConflictException(
                "cannot " + action + " tables of task " + id + ": no execution of it is running"));
        return new TableActionView(id, action, tables, execution);
    }

    /**
     * Stops following some tables (issue 16): they are added to the task's {@code exclude_tables} (so a table a
     * pattern matches can be removed too), which a running stream applies at once; their targets stay.
     */
    public TaskView removeTables(long id, ResyncRequest request) {
        TaskDefinition current = QuarkusTransaction.requiringNew().call(() -> TaskDefinition.of(require(id)));
        if (request == null || request.tables() == null || request.tables().isEmpty()) {
            throw new io.dtaas.error.ConfigError("tables", "name the tables to remove");
        }
        List<String> tables = ResyncRequest.checkedTables(request, current.config());
        List<Object> excluded = new java.util.ArrayList<>();
        if (current.config() != null && current.config().get("exclude_tables") instanceof List<?> l) {
            excluded.addAll(l);
        }
        tables.stream().filter(t -> !excluded.contains(t)).forEach(excluded::add);
        return update(id, new TaskRequest(null, null, null, null, null, null, null, Map.of("exclude_tables", excluded)));
    }

    private static void requireFreeName(String name, Long self) {
        TaskEntity.findByNameIgnoreCase(name)
                .filter(other -> !other.id.equals(self))
                .ifPresent(other -> {
                    throw new ConflictException("a task named '" + other.name + "' already exists (id " + other.id + ")");
                });
    }

    static TaskEntity require(long id) {
        TaskEntity e = TaskEntity.findById(id);
        if (e == null) {
            throw new NotFoundError("task " + id + " not found");
        }
        return e;
    }

    private static TaskEntity lock(long id) {
        TaskEntity e = TaskEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            throw new NotFoundError("task " + id + " not found");
        }
        return e;
    }
}
