package io.dtaas.controlplane.live;

import io.dtaas.job.ProgressEvent;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Fans execution progress out to every open {@code /ws} connection that wants it: all executions, or the
 * one task named by {@code ?task_id=} when connecting. Sending never blocks the engine: a slow or gone
 * client only loses its own messages.
 */
@ApplicationScoped
public class LiveUpdates {

    private static final Logger LOG = Logger.getLogger(LiveUpdates.class);

    private final OpenConnections connections;
    private final CdcGauges cdcGauges;

    public LiveUpdates(OpenConnections connections, CdcGauges cdcGauges) {
        this.connections = connections;
        this.cdcGauges = cdcGauges;
    }

    public void publish(ProgressEvent event) {
        cdcGauges.record(event); // every progress event passes here, standalone or distributed
        send(event.taskId(), LiveMessage.of(event));
    }

    /** Any other message about a task (validation progress), to the connections that follow it. */
    public void send(long taskId, Object message) {
        for (WebSocketConnection c : connections) {
            if (ProgressSocket.wants(c, taskId)) {
                c.sendText(message).subscribe().with(ok -> { }, e -> LOG.debugf("dropped a live update: %s", e.toString()));
            }
        }
    }
}
