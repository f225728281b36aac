package io.dtaas.connect.change;

import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.transform.Pipeline;

import java.util.Map;
import java.util.function.Function;

/**
 * What a destination needs to build its {@link ChangeSink}: the followed tables and how each one's rows become
 * target rows.
 *
 * @param schemas the source schema of each followed table
 * @param pipelines each table's transformations bound to its schema; absent means none
 * @param rebinder binds a table's transformations to a changed source schema (schema evolution); null: tables with
 *                 transformations do not carry columns the source gains
 * @param targetOf the target table of each source table
 * @param trackDeletes a delete marks the target row instead of removing it (database destinations)
 */
public record ChangeSinkSpec(Map<TableRef, TableSchema> schemas, Map<TableRef, Pipeline> pipelines,
                             Function<TableSchema, Pipeline> rebinder, Function<TableRef, TableRef> targetOf,
                             boolean trackDeletes) {

    public ChangeSinkSpec {
        schemas = Map.copyOf(schemas);
        pipelines = Map.copyOf(pipelines);
    }
}
