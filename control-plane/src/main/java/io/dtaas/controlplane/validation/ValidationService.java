package io.dtaas.controlplane.validation;

import io.dtaas.connect.Source;
import io.dtaas.controlplane.api.ConflictException;
import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.metadata.StoredTime;
import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.data.TableRef;
import io.dtaas.error.NotFoundError;
import io.dtaas.job.TransferConfig;
import io.dtaas.validate.ValidationRun;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts, stops and reads validation runs. A start checks the request (the tables must be among the task's, asked of
 * the source), records the run and hands it to {@link ValidationWorker}; at most one run per task is under way.
 */
@ApplicationScoped
public class ValidationService {

    /** A validation's task, as it was when the run started. */
    record TaskSnapshot(long id, String name, String mode, ConnectorService.Resolved source,
                        ConnectorService.Resolved destination, TransferConfig config) {

        /** A task whose change stream keeps the target moving: compared at a consistent point. */
        boolean streaming() {
            return !io.dtaas.job.JobKind.FULL_LOAD.wireName().equals(mode);
        }
    }

    private final ConnectorService connectors;
    private final ValidationWorker worker;
    private final Map<Long, AtomicBoolean> stops = new ConcurrentHashMap<>();

    public ValidationService(ConnectorService connectors, ValidationWorker worker) {
        this.connectors = connectors;
        this.worker = worker;
    }

    /** Starts a run; {@code trigger} is {@code api}, {@code after_load} or {@code schedule}. */
    public ValidationView start(long taskId, ValidationRequest request, String trigger) {
        TaskSnapshot task = QuarkusTransaction.requiringNew().call(() -> snapshot(taskId));
        ValidationRun.Options options = new ValidationRun.Options(request.tables(), Boolean.TRUE.equals(request.repair()),
                ValidationWorker.SAMPLE_LIMIT);
        List<TableRef> tables;
        try (Source source = task.source().connector().source(task.source().values())) {
            tables = new ValidationRun(source, null, null, task.config()).tables(options);
        }
        ValidationEntity created = QuarkusTransaction.requiringNew().call(() -> {
            TaskEntity.findById(taskId, LockModeType.PESSIMISTIC_WRITE); // one start at a time per task
            if (ValidationEntity.count("taskId = ?1 and status = 'running'", taskId) > 0) {
                throw new ConflictException("task " + taskId + " has a validation under way; wait for it or stop it");
            }
            ValidationEntity v = new ValidationEntity();
            v.taskId = taskId;
            v.status = "running";
            v.repair = options.repair();
            v.trigger = trigger;
            v.requested = options.tables();
            v.tables = List.of();
            v.startedAt = StoredTime.now();
            v.createdAt = v.startedAt;
            v.persist();
            return v;
        });
        AtomicBoolean stop = new AtomicBoolean();
        stops.put(created.id, stop);
        worker.submit(created.id, task, tables, options, stop, () -> stops.remove(created.id));
        return ValidationView.of(created);
    }

    /** Asks a running validation to stop after the range it is comparing; answers it as it is. */
    public ValidationView stop(long taskId, long validationId) {
        ValidationView v = get(taskId, validationId);
        AtomicBoolean flag = stops.get(validationId);
        if (flag != null) {
            flag.set(true);
        }
        return v;
    }

    public ValidationView get(long taskId, long validationId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ValidationEntity v = ValidationEntity.findById(validationId);
            if (v == null || v.taskId != taskId) {
                throw new NotFoundError("validation " + validationId + " of task " + taskId + " not found");
            }
            return ValidationView.of(v);
        });
    }

    private TaskSnapshot snapshot(long taskId) {
        TaskEntity t = TaskEntity.findById(taskId);
        if (t == null) {
            throw new NotFoundError("task " + taskId + " not found");
        }
        return new TaskSnapshot(t.id, t.name, t.mode, connectors.resolve(t.sourceConnectorId),
                connectors.resolve(t.destinationConnectorId), TransferConfig.from(t.config));
    }
}
