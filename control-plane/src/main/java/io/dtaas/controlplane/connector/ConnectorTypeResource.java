package io.dtaas.controlplane.connector;

import io.dtaas.connect.ConnectorRegistry;
import io.dtaas.connect.ConnectorType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code /api/connector-types}: each type's roles and declared fields, which drive the dashboard's forms. */
@Path("/api/connector-types")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Connectors")
public class ConnectorTypeResource {

    private final ConnectorRegistry registry;

    public ConnectorTypeResource(ConnectorRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "Connector types with their fields (name, type, required, default, secret, endpoint)")
    public List<ConnectorType> list() {
        return registry.types();
    }
}
