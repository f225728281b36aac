package io.dtaas.controlplane.connector;

import io.dtaas.connect.CheckResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** {@code /api/connectors}: the seed's connectors API. */
@Path("/api/connectors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Connectors")
public class ConnectorResource {

    private final ConnectorService service;

    public ConnectorResource(ConnectorService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "List connectors (secrets masked)")
    public List<ConnectorView> list() {
        return service.list();
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Operation(summary = "Create a connector")
    @APIResponse(responseCode = "201", description = "created; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ConnectorView.class)))
    public Response create(ConnectorRequest request) {
        ConnectorView created = service.create(request);
        return Response.created(URI.create("/api/connectors/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a connector (secrets masked)")
    public ConnectorView get(@PathParam("id") long id) {
        return service.get(id);
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a connector; absent fields stay, connection_config is merged, ******** keeps a secret")
    public ConnectorView update(@PathParam("id") long id, ConnectorRequest request) {
        return service.update(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a connector that no task uses")
    @APIResponse(responseCode = "204", description = "deleted")
    public Response delete(@PathParam("id") long id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/test")
    @Operation(summary = "Test connection settings without saving them")
    public CheckResult test(ConnectorTestRequest request) {
        return service.test(request);
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Test a stored connector and record the outcome")
    public CheckResult testStored(@PathParam("id") long id) {
        return service.testStored(id);
    }
}
