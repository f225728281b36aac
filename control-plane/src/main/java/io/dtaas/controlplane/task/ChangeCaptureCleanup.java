package io.dtaas.controlplane.task;

import io.dtaas.cdc.CdcRun;
import io.dtaas.cdc.StreamStates;
import io.dtaas.connect.CaptureCleanup;
import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.error.DtaasException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Forgets a change-capture task's stream: drops its slot and publication on the source (through the gateway) and
 * deletes its offsets and schema history. Used by task delete and resync; a source that cannot be reached
 * leaves the server-side part to an operator, logged and answered with the statements to run.
 */
@ApplicationScoped
public class ChangeCaptureCleanup {

    private static final Logger LOG = Logger.getLogger(ChangeCaptureCleanup.class);
    static final Set<String> CDC_MODES = Set.of("cdc", "full_load_then_cdc");

    private final ConnectorService connectors;
    private final ConnectorGateway gateway;
    private final Path stateDir;
    private final StreamStates states;

    public ChangeCaptureCleanup(ConnectorService connectors, ConnectorGateway gateway,
                                @ConfigProperty(name = "dtaas.cdc.state-dir") Path stateDir, StreamStates states) {
        this.connectors = connectors;
        this.gateway = gateway;
        this.stateDir = stateDir;
        this.states = states;
    }

    /** What was dropped and what is left to drop by hand. */
    public CaptureCleanup forget(long taskId, Long sourceConnectorId) {
        String stream = CdcRun.streamId(taskId);
        List<String> dropped = new ArrayList<>();
        List<String> left = new ArrayList<>();
        try {
            ConnectorService.Resolved source = QuarkusTransaction.requiringNew().call(() -> connectors.resolve(sourceConnectorId));
            CaptureCleanup c = gateway.dropChangeCapture(source.connector(), source.values(), stream);
            dropped.addAll(c.dropped());
            left.addAll(c.leftOver());
        } catch (DtaasException e) { // the source connector is gone or unreadable
            left.addAll(CaptureCleanup.sourceUnknown(stream).leftOver());
        }
        try { // in distributed mode the offsets workers resume from are Redis keys: a resync must forget them too
            states.of(taskId).clear();
        } catch (RuntimeException e) {
            left.add("delete the stream state of " + stream + " (offsets, schema history) from the state store");
        }
        Path dir = stateDir.resolve("task-" + taskId);
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
                dropped.add("offsets and schema history");
            }
        } catch (IOException e) {
            left.add("delete the directory " + dir);
        }
        if (!left.isEmpty()) {
            LOG.warnf("task %d: change capture state left to drop by hand: %s", taskId, String.join("; ", left));
        } else if (!dropped.isEmpty()) {
            LOG.infof("task %d: dropped %s", taskId, String.join(", ", dropped));
        }
        return new CaptureCleanup(dropped, left);
    }
}
