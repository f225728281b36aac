package io.dtaas.controlplane.execution;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/executions/{id}}: one execution's status, counters and per-table progress. */
@Path("/api/executions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Executions")
public class ExecutionResource {

    private final ExecutionQueries queries;

    public ExecutionResource(ExecutionQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an execution: status, processed_rows, rows_per_second, per-table progress, error")
    public ExecutionView get(@PathParam("id") long id) {
        return queries.get(id);
    }
}
