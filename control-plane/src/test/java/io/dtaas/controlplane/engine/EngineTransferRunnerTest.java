package io.dtaas.controlplane.engine;

import io.dtaas.engine.RunControl;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobKind;
import io.dtaas.job.JobSpec;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TransferConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Until the engine lands, a run fails at once and says why, through the sink like any failure. */
class EngineTransferRunnerTest {

    @Test
    void failsSayingTheEngineIsNotAvailable() {
        TransferConfig config = TransferConfig.from(Map.of("tables", List.of("t")));
        JobSpec job = new JobSpec(7, 3, "t", JobKind.FULL_LOAD, 1, 2, config, 1);
        List<ProgressEvent> events = new ArrayList<>();
        assertThat(new EngineTransferRunner().run(job, RunControl.NONE, events::add)).isEqualTo(ExecutionStatus.FAILED);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(e.error()).isEqualTo("transfer engine not available yet");
            assertThat(e.executionId()).isEqualTo(7);
            assertThat(e.taskId()).isEqualTo(3);
        });
    }
}
