package io.dtaas.controlplane.notification;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** {@code /api/notifications}: where alerts are announced (channels) and what was sent (deliveries). */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
public class NotificationResource {

    private final ChannelService channels;
    private final DeliveryStore deliveries;

    public NotificationResource(ChannelService channels, DeliveryStore deliveries) {
        this.channels = channels;
        this.deliveries = deliveries;
    }

    @GET
    @Path("/channels")
    @Operation(summary = "List notification channels (url and secret masked)")
    public List<ChannelView> list() {
        return channels.list();
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/channels")
    @Operation(summary = "Create a webhook or Slack channel; without rules it receives every kind")
    @APIResponse(responseCode = "201", description = "created; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(responseCode = "409", description = "a channel with this name exists")
    public Response create(ChannelRequest request) {
        ChannelView created = channels.create(request);
        return Response.created(URI.create("/api/notifications/channels/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/channels/{id}")
    @Operation(summary = "Get a notification channel (url and secret masked)")
    public ChannelView get(@PathParam("id") long id) {
        return channels.get(id);
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @PUT
    @Path("/channels/{id}/rules")
    @Operation(summary = "Set the kinds a channel receives (null: every kind)")
    public ChannelView rules(@PathParam("id") long id, ChannelRulesRequest request) {
        return channels.updateRules(id, request);
    }

    @DELETE
    @Path("/channels/{id}")
    @Operation(summary = "Delete a channel and its deliveries")
    @APIResponse(responseCode = "204", description = "deleted")
    public Response delete(@PathParam("id") long id) {
        channels.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/deliveries")
    @Operation(summary = "Recorded deliveries, newest first (at most 500)")
    public List<DeliveryView> deliveries(@QueryParam("alert_id") Long alertId, @QueryParam("channel_id") Long channelId) {
        return deliveries.list(alertId, channelId);
    }
}
