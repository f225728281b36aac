package io.dtaas.controlplane.execution;

import org.junit.jupiter.api.Test;

import static io.dtaas.controlplane.execution.ExecutionWriter.reconcile;
import static io.dtaas.job.ExecutionStatus.COMPLETED;
import static io.dtaas.job.ExecutionStatus.FAILED;
import static io.dtaas.job.ExecutionStatus.PAUSED;
import static io.dtaas.job.ExecutionStatus.QUEUED;
import static io.dtaas.job.ExecutionStatus.RUNNING;
import static io.dtaas.job.ExecutionStatus.STOPPED;
import static io.dtaas.job.ExecutionStatus.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;

class ExecutionWriterTest {

    @Test
    void runningReportsKeepAPendingStopVisible() {
        assertThat(reconcile(QUEUED, RUNNING)).isEqualTo(RUNNING);
        assertThat(reconcile(RUNNING, RUNNING)).isEqualTo(RUNNING);
        assertThat(reconcile(STOPPING, RUNNING)).isEqualTo(STOPPING);
    }

    @Test
    void aPauseThatRacedAStopIsAStop() {
        assertThat(reconcile(STOPPING, PAUSED)).isEqualTo(STOPPED);
        assertThat(reconcile(RUNNING, PAUSED)).isEqualTo(PAUSED);
    }

    @Test
    void finalReportsWinOtherwise() {
        assertThat(reconcile(STOPPING, COMPLETED)).isEqualTo(COMPLETED);
        assertThat(reconcile(STOPPING, FAILED)).isEqualTo(FAILED);
        assertThat(reconcile(RUNNING, STOPPED)).isEqualTo(STOPPED);
        assertThat(reconcile(QUEUED, FAILED)).isEqualTo(FAILED);
    }
}
