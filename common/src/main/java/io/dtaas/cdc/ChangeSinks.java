package io.dtaas.cdc;

import io.dtaas.connect.Destination;
import io.dtaas.connect.change.ChangeSink;
import io.dtaas.connect.change.ChangeSinkSpec;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.transform.Pipeline;

import java.util.Map;
import java.util.function.Function;

/** Picks a stream's sink: the destination's own change-taking capability, or a clear refusal. */
public final class ChangeSinks {

    private ChangeSinks() {
    }

    /**
     * @param pipelines each table's transformations bound to its schema; absent means none
     * @param rebinder binds a table's transformations to a changed source schema (schema evolution)
     */
    public static ChangeSink of(Destination destination, Map<TableRef, TableSchema> schemas,
                                Map<TableRef, Pipeline> pipelines, Function<TableSchema, Pipeline> rebinder,
                                Function<TableRef, TableRef> targetOf, boolean trackDeletes) {
        return destination.changeSink(new ChangeSinkSpec(schemas, pipelines, rebinder, targetOf, trackDeletes))
                .orElseThrow(() -> new ConfigError("destination_connector_id",
                        "this destination cannot take change data capture"));
    }
}
