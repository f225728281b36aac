package io.dtaas.engine.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.connect.standard.StandardConnectors;
import io.dtaas.connect.Destination;
import io.dtaas.connect.Role;
import io.dtaas.connect.Source;
import io.dtaas.engine.CheckpointStore;
import io.dtaas.engine.FileCheckpointStore;
import io.dtaas.engine.FullLoad;
import io.dtaas.engine.InMemoryCheckpointStore;
import io.dtaas.engine.ProgressTracker;
import io.dtaas.engine.RunControl;
import io.dtaas.error.DtaasException;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.job.ProgressEvent;
import io.dtaas.job.TransferConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one full load from a JSON spec, without the control-plane: {@code ./dtaas load spec.json
 * [--checkpoints file]}. Progress goes to stderr once a second, the final snapshot to stdout as JSON.
 * With a checkpoint file, running the same spec again after a crash continues where it stopped.
 * Exit status: 0 completed, 1 failed, 2 bad spec, 3 stopped.
 */
public final class FullLoadCli {

    private FullLoadCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Held so the level set on it survives: without a logging setup, drivers' FINEST records cost CPU per value. */
    private static final java.util.logging.Logger ROOT_LOG = java.util.logging.Logger.getLogger("");

    public static int run(String[] args, PrintStream out, PrintStream err) {
        ROOT_LOG.setLevel(java.util.logging.Level.WARNING);
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--checkpoints"))) {
            err.println("usage: load <spec.json> [--checkpoints <file>]");
            return 2;
        }
        ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        LoadSpec spec;
        try {
            spec = json.readValue(Path.of(args[0]).toFile(), LoadSpec.class);
        } catch (IOException e) {
            err.println("load: cannot read " + args[0] + ": " + e.getMessage());
            return 2;
        }
        CheckpointStore checkpoints = args.length == 3 ? new FileCheckpointStore(Path.of(args[2]))
                : new InMemoryCheckpointStore();
        ConnectorRegistry registry = StandardConnectors.registry();
        AtomicReference<ProgressEvent> last = new AtomicReference<>();
        try {
            Connector from = registry.require(Role.SOURCE, spec.source().type());
            Connector to = registry.require(Role.DESTINATION, spec.destination().type());
            ConfigValues fromValues = ConfigValidator.validate(from.type(), spec.source().connectionConfig(), "source.connection_config");
            ConfigValues toValues = ConfigValidator.validate(to.type(), spec.destination().connectionConfig(), "destination.connection_config");
            TransferConfig config = TransferConfig.from(spec.config());
            long taskId = spec.taskId() == null ? 0 : spec.taskId();
            ProgressTracker tracker = new ProgressTracker(0, taskId, e -> {
                last.set(e);
                err.printf("%s %,d rows %.0f rows/s%n", e.status().wireName(), e.processedRows(), e.rowsPerSecond());
            }, Duration.ofSeconds(1));
            ExecutionStatus status;
            try (Source source = from.source(fromValues); Destination destination = to.destination(toValues)) {
                status = new FullLoad(source, destination, config, new FullLoad.TaskContext(taskId,
                        spec.name() == null ? "cli" : spec.name()), checkpoints, RunControl.NONE, tracker).run();
            }
            out.println(json.writeValueAsString(last.get()));
            return status == ExecutionStatus.COMPLETED ? 0 : status == ExecutionStatus.FAILED ? 1 : 3;
        } catch (DtaasException e) {
            err.println("load: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("load: " + e.getMessage());
            return 1;
        }
    }
}
