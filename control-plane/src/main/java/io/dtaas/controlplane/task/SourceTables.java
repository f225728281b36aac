package io.dtaas.controlplane.task;

import io.dtaas.connect.catalog.CatalogBrowser;
import io.dtaas.connect.catalog.TableInfo;
import io.dtaas.controlplane.connector.ConnectorService;
import io.dtaas.controlplane.gateway.ConnectorGateway;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import io.dtaas.error.NotFoundError;
import io.dtaas.error.TransientError;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that a task's {@code config.tables} exist in its source's catalog, one catalog call per schema.
 * A name is {@code table} (the connection's default schema) or {@code schema.table}; as in the browser, the
 * dotted form is split only when no table has the whole name. Patterns ({@code *}, {@code %}) match at run
 * time and are not checked here.
 */
@ApplicationScoped
public class SourceTables {

    private final ConnectorService connectors;
    private final ConnectorGateway gateway;

    public SourceTables(ConnectorService connectors, ConnectorGateway gateway) {
        this.connectors = connectors;
        this.gateway = gateway;
    }

    /**
     * Adds a {@code config.tables[i]} problem per missing table. An unreachable source adds a warning instead: the
     * task is saved and its tables are checked when it starts (the seed creates tasks before the sources exist).
     */
    void check(long sourceConnectorId, List<String> tables, List<FieldProblem> problems, List<String> warnings) {
        if (tables.stream().allMatch(SourceTables::isPattern)) {
            return;
        }
        ConnectorService.Resolved source = connectors.resolve(sourceConnectorId);
        CatalogBrowser browser;
        try {
            browser = gateway.browser(source.connector(), source.values());
        } catch (ConfigError noCatalog) {
            return; // a source without a browsable catalog (files, object stores) is checked when it runs
        }
        Catalog catalog = new Catalog(browser);
        Map<String, Integer> seen = new HashMap<>();
        try {
            for (int i = 0; i < tables.size(); i++) {
                String name = tables.get(i);
                String field = "config.tables[" + i + "]";
                if (isPattern(name)) {
                    continue;
                }
                Optional<String> problem = catalog.problem(name);
                problem.ifPresent(message -> problems.add(new FieldProblem(field, message)));
                Integer first = problem.isPresent() ? null : seen.putIfAbsent(catalog.qualified(name), i);
                if (first != null) {
                    problems.add(new FieldProblem(field, "'" + name + "' is the same table as config.tables[" + first
                            + "] '" + tables.get(first) + "'; select it once"));
                }
            }
        } catch (TransientError unreachable) {
            warnings.add(TaskValidator.deferred(unreachable));
        }
    }

    static boolean isPattern(String name) {
        return name.contains("*") || name.contains("%");
    }

    /** Table names per schema, each schema listed at most once; null is the connection's default schema. */
    private static final class Catalog {

        private final CatalogBrowser browser;
        private final Map<String, Optional<Schema>> schemas = new HashMap<>();

        Catalog(CatalogBrowser browser) {
            this.browser = browser;
        }

        Optional<String> problem(String name) {
            Optional<Schema> home = schema(null);
            if (home.isPresent() && home.get().tables().contains(name)) {
                return Optional.empty();
            }
            int dot = name.indexOf('.');
            if (dot > 0 && dot < name.length() - 1) {
                String schemaName = name.substring(0, dot);
                String table = name.substring(dot + 1);
                Optional<Schema> schema = schema(schemaName);
                if (schema.isEmpty()) {
                    return Optional.of("schema '" + schemaName + "' not found");
                }
                return schema.get().tables().contains(table) ? Optional.empty()
                        : Optional.of("table '" + table + "' not found in schema '" + schemaName + "'");
            }
            String where = home.map(Schema::name).map(s -> "schema '" + s + "'").orElse("the connection's default schema");
            return Optional.of("table '" + name + "' not found in " + where);
        }

        /** A table that exists, as schema.table (call after {@link #problem} found none). */
        String qualified(String name) {
            Optional<Schema> home = schema(null);
            if (home.isPresent() && home.get().tables().contains(name)) {
                return home.get().name() + "." + name;
            }
            return name; // already schema.table
        }

        private Optional<Schema> schema(String name) {
            return schemas.computeIfAbsent(name, this::list);
        }

        private Optional<Schema> list(String name) {
            try {
                List<TableInfo> tables = browser.tables(null, name);
                // the default schema's name is only known from the tables listed in it
                String resolved = name != null || tables.isEmpty() ? name : tables.getFirst().schema();
                Set<String> names = tables.stream().map(TableInfo::name).collect(Collectors.toSet());
                return Optional.of(new Schema(resolved, names));
            } catch (NotFoundError missingSchema) {
                return Optional.empty();
            }
        }
    }

    /** @param name null when it is the default schema and has no tables to tell its name */
    private record Schema(String name, Set<String> tables) {
    }
}
