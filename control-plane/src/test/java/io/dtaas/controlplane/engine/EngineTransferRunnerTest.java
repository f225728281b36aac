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

/** CDC modes fail at once, saying why, through the sink like any failure (no connector is touched). */
class EngineTransferRunnerTest {

    @Test
    void cdcModesFailSayingCdcIsNotAvailableYet() {
        TransferConfig config = TransferConfig.from(Map.of("tables", List.of("t")));
        JobSpec job = new JobSpec(7, 3, "nightly", JobKind.CDC, 1, 2, config, 1);
        List<ProgressEvent> events = new ArrayList<>();
        EngineTransferRunner runner = new EngineTransferRunner(null, new InMemoryCheckpointStore(), null);
        assertThat(runner.run(job, RunControl.NONE, events::add)).isEqualTo(ExecutionStatus.FAILED);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(e.error()).isEqualTo("task nightly: mode cdc needs change data capture, which this version does"
                    + " not run yet; use full_load");
            assertThat(e.executionId()).isEqualTo(7);
        });
    }
}
