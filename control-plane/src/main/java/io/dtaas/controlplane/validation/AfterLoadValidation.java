package io.dtaas.controlplane.validation;

import io.dtaas.controlplane.execution.ExecutionCompleted;
import io.dtaas.controlplane.metadata.TaskEntity;
import io.dtaas.error.DtaasException;
import io.dtaas.job.JobKind;
import io.dtaas.job.TransferConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * A {@code full_load} task with {@code config.validate_after_load} validates all its tables after each completed
 * execution (off the thread that recorded the completion).
 */
@ApplicationScoped
public class AfterLoadValidation {

    private static final Logger LOG = Logger.getLogger(AfterLoadValidation.class);

    private final ValidationService validations;

    public AfterLoadValidation(ValidationService validations) {
        this.validations = validations;
    }

    void completed(@ObservesAsync ExecutionCompleted event) {
        boolean wanted = QuarkusTransaction.requiringNew().call(() -> {
            TaskEntity task = TaskEntity.findById(event.taskId());
            return task != null && JobKind.FULL_LOAD.wireName().equals(task.mode)
                    && TransferConfig.from(task.config).validateAfterLoad();
        });
        if (!wanted) {
            return;
        }
        try {
            validations.start(event.taskId(), new ValidationRequest(List.of(), false), "after_load");
        } catch (DtaasException | io.dtaas.controlplane.api.ConflictException e) {
            LOG.warnf("task %d: the validation after execution %d did not start: %s", event.taskId(),
                    event.executionId(), e.getMessage());
        }
    }
}
