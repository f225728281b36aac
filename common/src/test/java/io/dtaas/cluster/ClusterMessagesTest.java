package io.dtaas.cluster;

import io.dtaas.data.TableRef;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.error.NotFoundError;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.JobKind;
import io.dtaas.job.JobSpec;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TableProgress;
import io.dtaas.job.TransferConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages between control-plane and workers survive their JSON form unchanged. */
class ClusterMessagesTest {

    private final ClusterJson json = new ClusterJson();

    @Test
    void jobsRoundTripWithTheirWholeConfig() {
        TransferConfig config = TransferConfig.from(Map.of("tables", List.of("public.*", "sales.orders"),
                "exclude_tables", List.of("public.tmp_%"), "batch_size", 500, "write_mode", "merge",
                "queries", Map.of("sales.orders", "SELECT * FROM sales.orders WHERE id > 10"),
                "target_schema", "copy", "chunk_rows", 5000));
        JobSpec job = new JobSpec(11, 4, "nightly", JobKind.FULL_LOAD, 1, 2, config, 3);
        JobMessage table = JobMessage.table(job, new TableRef("sales", "orders.2024"));

        JobMessage back = json.read(json.write(table), JobMessage.class);
        assertThat(back).isEqualTo(table);
        assertThat(back.isPlan()).isFalse();
        assertThat(json.read(json.write(JobMessage.plan(job)), JobMessage.class).isPlan()).isTrue();
    }

    @Test
    void reportsRoundTrip() {
        ProgressEvent event = new ProgressEvent(11, 4, ExecutionStatus.RUNNING, 10, 100, 2.5,
                List.of(new TableProgress("sales.orders", "running", 10, 100, 1, 3, null)), null, Instant.parse("2026-11-26T10:00:00Z"));
        WorkerReport report = WorkerReport.tableFinished(11, 4, new TableRef("sales", "orders"), 2, event,
                ExecutionStatus.COMPLETED, null, "w1");
        assertThat(json.read(json.write(report), WorkerReport.class)).isEqualTo(report);
        ControlMessage control = new ControlMessage(11, ControlMessage.Action.PAUSE);
        assertThat(json.write(control)).contains("\"pause\"");
        assertThat(json.read(json.write(control), ControlMessage.class)).isEqualTo(control);
    }

    /** Issue 16: per-table requests travel on the control stream; stop and pause read as they always did. */
    @Test
    void perTableControlMessagesRoundTripAndOldOnesStillRead() {
        TransferConfig config = TransferConfig.from(Map.of("tables", List.of("public.a", "public.c"), "batch_size", 500));
        List<io.dtaas.engine.TableCommand> commands = List.of(new io.dtaas.engine.TableCommand.Reconfigure(config),
                new io.dtaas.engine.TableCommand.Resync(List.of("public.b")),
                new io.dtaas.engine.TableCommand.Pause(List.of("a")),
                new io.dtaas.engine.TableCommand.Resume(List.of("a")));
        for (io.dtaas.engine.TableCommand command : commands) {
            ControlMessage back = json.read(json.write(ControlMessage.of(9, command)), ControlMessage.class);
            assertThat(back.executionId()).isEqualTo(9);
            assertThat(back.tableCommand()).contains(command);
        }
        assertThat(json.write(ControlMessage.of(9, commands.get(1))))
                .isEqualTo("{\"executionId\":9,\"action\":\"resync_tables\",\"tables\":[\"public.b\"]}");
        // as an older control-plane wrote them
        ControlMessage stop = json.read("{\"executionId\":4,\"action\":\"stop\"}", ControlMessage.class);
        assertThat(stop).isEqualTo(new ControlMessage(4, ControlMessage.Action.STOP));
        assertThat(stop.tableCommand()).isEmpty();
        assertThat(json.write(new ControlMessage(4, ControlMessage.Action.PAUSE)))
                .isEqualTo("{\"executionId\":4,\"action\":\"pause\"}");
    }

    @Test
    void gatewayErrorsComeBackAsTheSameKind() {
        GatewayReply notFound = json.read(json.write(GatewayReply.failed(new NotFoundError("table x not found"), "w")),
                GatewayReply.class);
        assertThat(notFound.error()).isInstanceOf(NotFoundError.class).hasMessage("table x not found");

        ConfigError bad = new ConfigError(List.of(new FieldProblem("sql", "must be a single SELECT")));
        GatewayReply config = json.read(json.write(GatewayReply.failed(bad, "w")), GatewayReply.class);
        assertThat(config.error()).isInstanceOf(ConfigError.class);
        assertThat(((ConfigError) config.error()).problems()).containsExactly(new FieldProblem("sql", "must be a single SELECT"));
    }
}
