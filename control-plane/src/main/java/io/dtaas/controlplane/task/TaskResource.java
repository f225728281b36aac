package io.dtaas.controlplane.task;

import io.dtaas.controlplane.execution.ExecutionQueries;
import io.dtaas.controlplane.execution.ExecutionView;
import io.dtaas.controlplane.execution.TaskLifecycle;
import io.dtaas.controlplane.validation.ValidationQueries;
import io.dtaas.controlplane.validation.ValidationRequest;
import io.dtaas.controlplane.validation.ValidationService;
import io.dtaas.controlplane.validation.ValidationView;
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

/** {@code /api/tasks}: the seed's tasks API, plus PUT, DELETE and resume. */
@Path("/api/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks")
public class TaskResource {

    private final TaskService tasks;
    private final TaskLifecycle lifecycle;
    private final ExecutionQueries executions;
    private final TaskTargets targets;
    private final ValidationService validation;
    private final ValidationQueries validations;
    private final RetentionHistory retention;

    public TaskResource(TaskService tasks, TaskLifecycle lifecycle, ExecutionQueries executions, TaskTargets targets,
                        ValidationService validation, ValidationQueries validations, RetentionHistory retention) {
        this.retention = retention;
        this.targets = targets;
        this.tasks = tasks;
        this.lifecycle = lifecycle;
        this.executions = executions;
        this.validation = validation;
        this.validations = validations;
    }

    @GET
    @Operation(summary = "List tasks with their status and latest execution")
    public List<TaskView> list() {
        return tasks.list();
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Operation(summary = "Create a task; connectors, mode, schedule, config and source tables are checked")
    @APIResponse(responseCode = "201", description = "created; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)))
    public Response create(TaskRequest request) {
        TaskView created = tasks.create(request);
        return Response.created(URI.create("/api/tasks/" + created.id())).entity(created).build();
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/targets")
    @Operation(summary = "Where a draft task's tables will land (source table → target table or file folder), by the"
            + " rule a run applies; needs source_connector_id, destination_connector_id and config.tables")
    public TargetsView draftTargets(TaskRequest request) {
        return targets.draft(request);
    }

    @GET
    @Path("/{id}/targets")
    @Operation(summary = "Where the task's tables land (source table → target table or file folder)")
    public TargetsView targets(@PathParam("id") long id) {
        return targets.stored(id);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a task with its status and latest execution")
    public TaskView get(@PathParam("id") long id) {
        return tasks.get(id);
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a task; absent fields stay, config is merged key by key")
    public TaskView update(@PathParam("id") long id, TaskRequest request) {
        return tasks.update(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a task with its executions; refused (409) while one is under way")
    @APIResponse(responseCode = "204", description = "deleted")
    public Response delete(@PathParam("id") long id) {
        tasks.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/resync")
    @Operation(summary = "Resync a cdc task's tables: while it runs, only the named tables (all when absent) are emptied"
            + " and copied again online, the others streaming on (online: true); else its position is forgotten"
            + " (slot, publication, offsets) and the next start begins afresh")
    @Consumes(MediaType.WILDCARD) // the body is optional, so a bare POST (no content type) must be accepted
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = false, description = "tables to resync; all when absent",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ResyncRequest.class)))
    public ResyncView resync(@PathParam("id") long id, String body) {
        return tasks.resync(id, ResyncRequest.parse(body));
    }

    @POST
    @Path("/{id}/tables/{action}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Pause (their changes are dropped, nothing is held) or resume (each is emptied and copied"
            + " again online, then streams) some tables of the task's running change stream while the others stream"
            + " on; 409 when no execution of the task is running")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = true, description = "the tables",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ResyncRequest.class)))
    @APIResponse(responseCode = "202", description = "accepted: the stream takes it between two batches",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TableActionView.class)))
    @APIResponse(responseCode = "409", description = "no execution of the task is running",
            content = @Content(mediaType = "application/problem+json"))
    public Response tableAction(@PathParam("id") long id,
                                @PathParam("action") @Schema(enumeration = {"pause", "resume"}) String action,
                                String body) {
        if (!action.equals("pause") && !action.equals("resume")) {
            throw new io.dtaas.error.NotFoundError("no table action '" + action + "': pause, resume or remove");
        }
        return Response.accepted(tasks.tables(id, action, ResyncRequest.parse(body))).build();
    }

    @POST
    @Path("/{id}/tables/remove")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Stop following some tables: they join config.exclude_tables (a running change stream"
            + " applies it at once; their targets stay): the updated task")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = true, description = "the tables",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ResyncRequest.class)))
    public TaskView removeTables(@PathParam("id") long id, String body) {
        return tasks.removeTables(id, ResyncRequest.parse(body));
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/{id}/transformations/bulk")
    @Operation(summary = "Append one list of transformations to several tables (or replace theirs): the updated task")
    public TaskView bulkTransformations(@PathParam("id") long id, BulkTransformationsRequest request) {
        return tasks.applyTransformations(id, request);
    }

    @POST
    @Path("/{id}/start")
    @Operation(summary = "Start from scratch: 202 with the new execution, or 200 with the one already under way")
    @APIResponse(responseCode = "202", description = "accepted: the execution is under way or winding down",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExecutionView.class)))
    @APIResponse(responseCode = "200", description = "nothing to do: the execution as it is",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExecutionView.class)))
    public Response start(@PathParam("id") long id) {
        return answer(lifecycle.start(id));
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Continue a paused or failed task from its checkpoints: 202 with the new execution")
    @APIResponse(responseCode = "202", description = "accepted: the execution is under way or winding down",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExecutionView.class)))
    @APIResponse(responseCode = "200", description = "nothing to do: the execution as it is",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExecutionView.class)))
    public Response resume(@PathParam("id") long id) {
        return answer(lifecycle.resume(id));
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause at the next batch boundary, keeping checkpoints: 202, or 200 when already paused;"
            + " between runs of a scheduled task it suspends the schedule")
    @APIResponse(responseCode = "202", description = "accepted: the execution is under way or winding down",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExecutionView.class)))
    @APIResponse(responseCode = "200", description = "nothing to do: the execution as it is",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExecutionView.class)))
    @APIResponse(responseCode = "204", description = "a scheduled task that never ran: its schedule was paused or stopped")
    public Response pause(@PathParam("id") long id) {
        return answer(lifecycle.pause(id));
    }

    @POST
    @Path("/{id}/stop")
    @Operation(summary = "Stop: 202 while the execution winds down (stopping), 200 when it took effect at once;"
            + " between runs of a scheduled task it stops the schedule until the next start")
    @APIResponse(responseCode = "202", description = "accepted: the execution is under way or winding down",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExecutionView.class)))
    @APIResponse(responseCode = "200", description = "nothing to do: the execution as it is",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExecutionView.class)))
    @APIResponse(responseCode = "204", description = "a scheduled task that never ran: its schedule was paused or stopped")
    public Response stop(@PathParam("id") long id) {
        return answer(lifecycle.stop(id));
    }

    @GET
    @Path("/{id}/executions")
    @Operation(summary = "The task's executions, newest first (default 100, at most 1000)")
    public List<ExecutionView> executions(@PathParam("id") long id, @QueryParam("limit") Integer limit) {
        return executions.forTask(id, limit);
    }

    @GET
    @Path("/{id}/retention")
    @Operation(summary = "What the source kept of its log for the task over time (the periodic measurement, docs/cdc.md"
            + " \"Retained log and guard rails\"), oldest first; since: ISO-8601 timestamp, default the kept window"
            + " (dtaas.alerts.retention-history, 7 days)")
    @APIResponse(responseCode = "200", description = "the measurements, oldest first")
    @APIResponse(responseCode = "404", description = "no such task", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "since is not an ISO-8601 timestamp",
            content = @Content(mediaType = "application/problem+json"))
    public List<RetentionPoint> retention(@PathParam("id") long id, @QueryParam("since") String since) {
        tasks.get(id); // 404 for an unknown task
        return retention.since(id, since);
    }

    @POST
    @Path("/{id}/validate")
    @Operation(summary = "Compare the task's tables with their targets (docs/validation.md): 202 with the new run;"
            + " with \"repair\": true, differing key ranges are re-copied and compared again")
    @Consumes(MediaType.WILDCARD) // the body is optional, so a bare POST (no content type) must be accepted
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = false,
            description = "tables to validate (all of the task's when absent) and whether to repair",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ValidationRequest.class)))
    @APIResponse(responseCode = "202", description = "accepted: the validation is under way",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ValidationView.class)))
    @APIResponse(responseCode = "409", description = "a validation of this task is under way",
            content = @Content(mediaType = "application/problem+json"))
    public Response validate(@PathParam("id") long id, String body) {
        return accepted(id, validation.start(id, ValidationRequest.parse(body), "api"));
    }

    @POST
    @Path("/{id}/repair")
    @Operation(summary = "Validate and repair: like validate with \"repair\": true")
    @Consumes(MediaType.WILDCARD)
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(required = false,
            description = "tables to repair (all of the task's when absent)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ValidationRequest.class)))
    @APIResponse(responseCode = "202", description = "accepted: the validation with repair is under way",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ValidationView.class)))
    @APIResponse(responseCode = "409", description = "a validation of this task is under way",
            content = @Content(mediaType = "application/problem+json"))
    public Response repair(@PathParam("id") long id, String body) {
        ValidationRequest asked = ValidationRequest.parse(body);
        return accepted(id, validation.start(id, new ValidationRequest(asked.tables(), true), "api"));
    }

    @GET
    @Path("/{id}/validations")
    @Operation(summary = "The task's validation runs, newest first (default 100, at most 1000)")
    public List<ValidationView> validations(@PathParam("id") long id, @QueryParam("limit") Integer limit) {
        tasks.get(id); // 404 for an unknown task
        return validations.forTask(id, limit);
    }

    @GET
    @Path("/{id}/validations/{validation_id}")
    @Operation(summary = "One validation run with its per-table reports")
    public ValidationView validation(@PathParam("id") long id, @PathParam("validation_id") long validationId) {
        return validation.get(id, validationId);
    }

    @POST
    @Path("/{id}/validations/{validation_id}/stop")
    @Operation(summary = "Stop a validation after the range it is comparing: 202 with the run as it is")
    @APIResponse(responseCode = "202", description = "accepted: the run stops soon (status stopped)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ValidationView.class)))
    public Response stopValidation(@PathParam("id") long id, @PathParam("validation_id") long validationId) {
        return Response.accepted(validation.stop(id, validationId)).build();
    }

    private static Response accepted(long taskId, ValidationView v) {
        return Response.accepted(v).location(URI.create("/api/tasks/" + taskId + "/validations/" + v.id())).build();
    }

    private static Response answer(TaskLifecycle.Outcome outcome) {
        ExecutionView e = outcome.execution();
        if (e == null) {
            return Response.noContent().build(); // a scheduled task that never ran: its schedule was paused or stopped
        }
        Response.ResponseBuilder r = outcome.accepted() ? Response.accepted() : Response.ok();
        return r.location(URI.create("/api/executions/" + e.id())).entity(e).build();
    }
}
