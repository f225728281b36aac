package io.dtaas.connect;

import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.NotFoundError;

import java.util.List;

/**
 * A source table named as users write it ({@code name} in the default schema, or {@code schema.name}), looked
 * up the way a full load reads it: its schema, or its schema and first rows. Shared by the in-process and the
 * worker side of the connector gateway.
 */
public final class SourceLookup {

    private SourceLookup() {
    }

    /** @param query the task's custom SELECT for the table, or null for the table itself */
    public static TableSchema describe(Source source, String table, String query) {
        return query != null ? source.describeQuery(TableRef.parse(table).withSchema(source.defaultSchema()), query)
                : describe(source, table);
    }

    public static Batch head(Source source, String table, int limit) {
        TableSchema schema = describe(source, table);
        try (RowStream rows = source.head(schema, limit)) {
            Batch first = rows.next(limit);
            return first != null ? first : new Batch(schema, List.of());
        }
    }

    /** {@code name} in the default schema, or else {@code schema.name} split at the first dot (as the browser does). */
    private static TableSchema describe(Source source, String table) {
        try {
            return source.describe(new TableRef(source.defaultSchema(), table));
        } catch (NotFoundError notFound) {
            TableRef dotted = TableRef.parse(table);
            if (dotted.schema() == null) {
                throw notFound;
            }
            return source.describe(dotted);
        }
    }
}
