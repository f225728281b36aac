package io.dtaas.engine;

import io.dtaas.connect.Destination;
import io.dtaas.connect.Source;
import io.dtaas.data.TableRef;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where each source table lands. With a task's {@code target_schema}, there. Without one, a table from the source's
 * default namespace lands in the destination's default namespace (a MySQL/MariaDB destination's configured
 * database, a PostgreSQL destination's current schema, a Snowflake destination's schema), and a table the task
 * selected from another namespace ({@code sales.invoices}) keeps that namespace's name: DTaaS never invents a
 * database or schema the user did not name. File destinations keep the source's schema as a path segment.
 */
public final class TargetTables implements Function<TableRef, TableRef> {

    private final String targetSchema;
    private final String sourceDefault;
    private final Optional<String> destinationDefault;

    private TargetTables(String targetSchema, String sourceDefault, Optional<String> destinationDefault) {
        this.targetSchema = targetSchema;
        this.sourceDefault = sourceDefault;
        this.destinationDefault = destinationDefault;
    }

    /** Asks both ends for their default namespace once (each may open a connection). */
    public static TargetTables of(String targetSchema, Source source, Destination destination) {
        if (targetSchema != null) {
            return new TargetTables(targetSchema, null, Optional.empty());
        }
        Optional<String> destinationDefault = destination.defaultSchema();
        return new TargetTables(null, destinationDefault.isPresent() ? source.defaultSchema() : null, destinationDefault);
    }

    /** As {@link #of(String, Source, Destination)}, with the source's default namespace already known. */
    public static TargetTables of(String targetSchema, String sourceDefault, Destination destination) {
        if (targetSchema != null) {
            return new TargetTables(targetSchema, null, Optional.empty());
        }
        return new TargetTables(null, sourceDefault, destination.defaultSchema());
    }

    @Override
    public TableRef apply(TableRef source) {
        if (targetSchema != null) {
            return new TableRef(targetSchema, source.name());
        }
        if (destinationDefault.isPresent() && source.schema() != null && source.schema().equals(sourceDefault)) {
            return new TableRef(destinationDefault.get(), source.name());
        }
        return source;
    }
}
