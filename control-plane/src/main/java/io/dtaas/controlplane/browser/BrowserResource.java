package io.dtaas.controlplane.browser;

import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.connect.catalog.ColumnInfo;
import io.dtaas.connect.catalog.QueryLimits;
import io.dtaas.connect.catalog.QueryResult;
import io.dtaas.connect.catalog.TableInfo;
import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.error.ConfigError;
import io.dtaas.error.NotFoundError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The database browser: {@code /api/connectors/{id}/databases|schemas|tables|query}. Names are checked
 * against the catalog before they reach SQL; queries run read-only, with a timeout and a row cap.
 */
@Path("/api/connectors/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Database browser")
public class BrowserResource {

    private final ConnectorService connectors;
    private final ConnectorGateway gateway;

    public BrowserResource(ConnectorService connectors, ConnectorGateway gateway) {
        this.connectors = connectors;
        this.gateway = gateway;
    }

    @GET
    @Path("/databases")
    @Operation(summary = "Databases on the connector's server")
    public List<String> databases(@PathParam("id") long id) {
        return browser(id).databases();
    }

    @GET
    @Path("/schemas")
    @Operation(summary = "Schemas of a database (MySQL: its databases)")
    public List<String> schemas(@PathParam("id") long id, @QueryParam("database") String database) {
        return browser(id).schemas(database);
    }

    @GET
    @Path("/tables")
    @Operation(summary = "Tables and views of a schema, with row estimates")
    public List<TableInfo> tables(@PathParam("id") long id, @QueryParam("database") String database,
                                  @QueryParam("schema") String schema) {
        return browser(id).tables(database, schema);
    }

    @GET
    @Path("/tables/{table}/columns")
    @Operation(summary = "Columns of a table: type, nullable, default, primary and foreign keys")
    public List<ColumnInfo> columns(@PathParam("id") long id, @PathParam("table") String table,
                                    @QueryParam("database") String database, @QueryParam("schema") String schema) {
        CatalogBrowser b = browser(id);
        return onTable(schema, table, (s, t) -> b.columns(database, s, t));
    }

    @GET
    @Path("/tables/{table}/preview")
    @Operation(summary = "First rows of a table (default 100, at most 10000)")
    public QueryResult preview(@PathParam("id") long id, @PathParam("table") String table,
                               @QueryParam("database") String database, @QueryParam("schema") String schema,
                               @QueryParam("limit") Integer limit) {
        QueryLimits limits = QueryLimits.of(limit == null ? 100 : limit, null);
        CatalogBrowser b = browser(id);
        return onTable(schema, table, (s, t) -> b.preview(database, s, t, limits));
    }

    @POST
    @Path("/query")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run one read-only SELECT with a timeout and a row cap")
    public QueryResult query(@PathParam("id") long id, QueryRequest request) {
        if (request == null) {
            throw new ConfigError("sql", "is required");
        }
        QueryLimits limits = QueryLimits.of(request.limit(), request.timeoutSeconds());
        return browser(id).query(request.database(), request.sql(), limits);
    }

    private CatalogBrowser browser(long id) {
        ConnectorService.Resolved c = connectors.resolve(id);
        return gateway.browser(c.connector(), c.values());
    }

    /**
     * Runs {@code action} on a table given as {@code table} (with {@code ?schema=}) or as {@code schema.table}:
     * the dotted form is tried only when no table has the whole name.
     */
    private static <T> T onTable(String schema, String table, BiFunction<String, String, T> action) {
        try {
            return action.apply(schema, table);
        } catch (NotFoundError notFound) {
            int dot = table.indexOf('.');
            if (schema != null || dot <= 0 || dot == table.length() - 1) {
                throw notFound;
            }
            return action.apply(table.substring(0, dot), table.substring(dot + 1));
        }
    }
}
