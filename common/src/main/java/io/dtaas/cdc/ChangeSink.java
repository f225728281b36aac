package io.dtaas.cdc;

import io.dtaas.connect.ChangeApplication;
import io.dtaas.connect.Destination;
import io.dtaas.connect.jdbc.JdbcDestination;
import io.dtaas.connect.objectstore.FileDestination;
import io.dtaas.connect.snowflake.SnowflakeDestination;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.transform.Pipeline;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a change stream's batches go. A batch is applied (and durable) when {@link #apply} returns; only then
 * does the stream commit its offset, so a sink must make a replayed batch harmless.
 */
public sealed interface ChangeSink permits ChangeApplier, FileChangeSink, SnowflakeChangeSink {

    /** Creates or extends the targets; refuses what the sink cannot follow (with a {@link ConfigError}). */
    void prepare();

    void apply(List<ChangeEvent> events);

    /**
     * The source table's columns changed (read from the change records): columns it gained are added to the
     * target, columns it lost stay there and become nullable. Called before the batch holding the first
     * change of the new shape is applied.
     */
    void evolve(TableSchema schema);

    /**
     * A table joins the running stream (issue 16): its target is created or extended as {@link #prepare} does, and
     * it is refused the same way.
     *
     * @param pipeline its transformations bound to its schema
     */
    void addTable(TableSchema schema, Pipeline pipeline);

    /**
     * Before a table is copied again into a running stream (resync, resume): database targets lose their rows, so
     * rows deleted at the source while the table was out of sync do not linger (the copy refills it); change files
     * keep their history (the copy arrives as inserts).
     */
    void resetTable(TableRef table);

    /**
     * The sink for how the destination takes changes ({@link Destination#changeApplication()}): database
     * destinations apply by primary key (Snowflake through staged changes and MERGE), file destinations (S3, local
     * files) get change files.
     *
     * @param pipelines each table's transformations bound to its schema; absent means none
     * @param rebinder binds a table's transformations to a changed source schema (schema evolution)
     */
    static ChangeSink of(Destination destination, Map<TableRef, TableSchema> schemas, Map<TableRef, Pipeline> pipelines,
                         Function<TableSchema, Pipeline> rebinder, Function<TableRef, TableRef> targetOf,
                         boolean trackDeletes) {
        ChangeApplication how = destination.changeApplication().orElseThrow(() -> new ConfigError(
                "destination_connector_id", "this destination cannot take change data capture"));
        // the destination declares how it takes changes; each sink uses the API of destinations that declare it
        return switch (how) {
            case BY_KEY -> new ChangeApplier((JdbcDestination) destination, schemas, pipelines, rebinder, targetOf,
                    trackDeletes);
            case CHANGE_FILES -> new FileChangeSink((FileDestination) destination, schemas, pipelines, rebinder, targetOf);
            case STAGED_MERGE -> new SnowflakeChangeSink((SnowflakeDestination) destination, schemas, pipelines,
                    rebinder, targetOf, trackDeletes);
        };
    }
}
