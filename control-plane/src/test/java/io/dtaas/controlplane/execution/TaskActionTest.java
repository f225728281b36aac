package io.dtaas.controlplane.execution;

import io.dtaas.job.ExecutionStatus;
import org.junit.jupiter.api.Test;

import static io.dtaas.job.ExecutionStatus.COMPLETED;
import static io.dtaas.job.ExecutionStatus.FAILED;
import static io.dtaas.job.ExecutionStatus.IDLE;
import static io.dtaas.job.ExecutionStatus.PAUSED;
import static io.dtaas.job.ExecutionStatus.QUEUED;
import static io.dtaas.job.ExecutionStatus.RUNNING;
import static io.dtaas.job.ExecutionStatus.STOPPED;
import static io.dtaas.job.ExecutionStatus.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;

/** The transition table of docs/state-machine.md, row by row. */
class TaskActionTest {

    @Test
    void transitionTable() {
        assertThat(TaskAction.allowedFrom(IDLE)).containsExactly(TaskAction.START, TaskAction.DELETE);
        assertThat(TaskAction.allowedFrom(QUEUED)).containsExactly(TaskAction.PAUSE, TaskAction.STOP);
        assertThat(TaskAction.allowedFrom(RUNNING)).containsExactly(TaskAction.PAUSE, TaskAction.STOP);
        assertThat(TaskAction.allowedFrom(STOPPING)).isEmpty();
        assertThat(TaskAction.allowedFrom(PAUSED)).containsExactly(TaskAction.RESUME, TaskAction.STOP, TaskAction.DELETE);
        assertThat(TaskAction.allowedFrom(STOPPED)).containsExactly(TaskAction.START, TaskAction.DELETE);
        assertThat(TaskAction.allowedFrom(COMPLETED)).containsExactly(TaskAction.START, TaskAction.DELETE);
        assertThat(TaskAction.allowedFrom(FAILED)).containsExactly(TaskAction.START, TaskAction.RESUME, TaskAction.DELETE);
    }

    @Test
    void activeStatusesNeverAllowDeleteOrResume() {
        for (ExecutionStatus s : TaskLifecycle.ACTIVE) {
            assertThat(TaskAction.DELETE.allowedIn(s)).as(s.wireName()).isFalse();
            assertThat(TaskAction.RESUME.allowedIn(s)).as(s.wireName()).isFalse();
        }
    }

    @Test
    void refusalsNameStatusAdviceAndAllowedActions() {
        assertThat(TaskAction.RESUME.refusal(4, RUNNING).getMessage())
                .isEqualTo("cannot resume task 4: it is running. Allowed now: pause, stop.");
        assertThat(TaskAction.PAUSE.refusal(4, STOPPING).getMessage())
                .isEqualTo("cannot pause task 4: it is stopping. Wait until it has stopped. Allowed now: none until it has stopped.");
        assertThat(TaskAction.START.refusal(4, PAUSED).getMessage()).contains("Resume it", "stop it", "Allowed now: resume, stop, delete.");
        assertThat(TaskAction.DELETE.refusal(4, QUEUED).getMessage())
                .isEqualTo("cannot delete task 4: it is queued. Stop it first. Allowed now: pause, stop.");
    }
}
