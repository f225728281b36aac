package io.dtaas.controlplane.alert;

import io.dtaas.error.ConfigError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code /api/alerts}: open and resolved alerts, so a user who was away sees what happened. */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
public class AlertResource {

    private final AlertStore alerts;

    public AlertResource(AlertStore alerts) {
        this.alerts = alerts;
    }

    @GET
    @Operation(summary = "Alerts, newest first (at most 500); filter by state (open, resolved) and task_id")
    public List<AlertView> list(@QueryParam("state") String state, @QueryParam("task_id") Long taskId) {
        Boolean open = switch (state == null ? "" : state) {
            case "" -> null;
            case "open" -> true;
            case "resolved" -> false;
            default -> throw new ConfigError("state", "must be open or resolved");
        };
        return alerts.list(open, taskId);
    }
}
