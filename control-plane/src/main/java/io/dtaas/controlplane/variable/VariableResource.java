package io.dtaas.controlplane.variable;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** {@code /api/variables}: the seed's global variables, with update, delete and resolution. */
@Path("/api/variables")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Variables")
public class VariableResource {

    private final VariableService service;
    private final VariableResolution resolution;

    public VariableResource(VariableService service, VariableResolution resolution) {
        this.service = service;
        this.resolution = resolution;
    }

    @GET
    @Operation(summary = "List variables")
    public List<VariableView> list() {
        return service.list();
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Operation(summary = "Create a variable: static {value}, db_query {connector_id, query} or context {path}")
    @APIResponse(responseCode = "201", description = "created; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VariableView.class)))
    public Response create(VariableRequest request) {
        VariableView created = service.create(request);
        return Response.created(URI.create("/api/variables/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a variable")
    public VariableView get(@PathParam("id") long id) {
        return service.get(id);
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a variable; absent fields stay, a given config replaces the old one")
    public VariableView update(@PathParam("id") long id, VariableRequest request) {
        return service.update(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a variable that no task or connector uses")
    @APIResponse(responseCode = "204", description = "deleted")
    public Response delete(@PathParam("id") long id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/resolve")
    @Operation(summary = "Resolve a stored variable now, for the context of task_id when given")
    public ResolvedValue resolveStored(@PathParam("id") long id, @QueryParam("task_id") Long taskId) {
        return resolution.resolveStored(id, taskId);
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/resolve")
    @Operation(summary = "Resolve an unsaved variable definition (the body of a create, plus optional task_id)")
    public ResolvedValue resolveUnsaved(VariableRequest request) {
        return resolution.resolveUnsaved(request);
    }
}
