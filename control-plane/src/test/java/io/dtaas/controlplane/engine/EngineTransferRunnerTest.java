package io.dtaas.controlplane.engine;

import io.dtaas.engine.InMemoryCheckpointStore;
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

/** full_load_then_cdc fails at once, saying why, through the sink like any failure (no connector is touched). */
class EngineTransferRunnerTest {

    @Test
    void fullLoadThenCdcFailsSayingItIsNotAvailableYet() {
        TransferConfig config = TransferConfig.from(Map.of("tables", List.of("t")));
        JobSpec job = new JobSpec(7, 3, "nightly", JobKind.FULL_LOAD_THEN_CDC, 1, 2, config, 1);
        List<ProgressEvent> events = new ArrayList<>();
        EngineTransferRunner runner = new EngineTransferRunner(null, new InMemoryCheckpointStore(), null,
                java.nio.file.Path.of("target"));
        assertThat(runner.run(job, RunControl.NONE, events::add)).isEqualTo(ExecutionStatus.FAILED);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(e.error()).isEqualTo("task nightly: mode full_load_then_cdc is not available yet; run a full_load"
                    + " task, then a cdc task");
            assertThat(e.executionId()).isEqualTo(7);
        });
    }
}
