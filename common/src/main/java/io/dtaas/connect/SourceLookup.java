package io.dtaas.connect;

import io.dtaas.connect.catalog.ResultBudget;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.NotFoundError;

import java.util.ArrayList;
import java.util.List;

/**
 * A source table named as users write it ({@code name} in the default schema, or {@code schema.name}), looked
 * up the way a full load reads it: its schema, or its schema and first rows. Shared by the in-process and the
 * worker side of the connector gateway.
 */
public final class SourceLookup {

    /** What a preview's rows may hold as read: half the answer's budget (the other half: the rows after transformations). */
    public static final long HEAD_BUDGET_CHARS = ResultBudget.MAX_RESULT_CHARS / 2;
    private static final int HEAD_BATCH = 50;

    private SourceLookup() {
    }

    /** @param query the task's custom SELECT for the table, or null for the table itself */
    public static TableSchema describe(Source source, String table, String query) {
        return query != null ? source.describeQuery(TableRef.parse(table).withSchema(source.defaultSchema()), query)
                : describe(source, table);
    }

    /**
     * The first {@code limit} rows, read a few at a time and no more once they hold about
     * {@link #HEAD_BUDGET_CHARS} characters (see {@link ResultBudget}; the rows that fill it are kept), so that
     * wide rows cannot fill the heap. Long values come cut as {@link Source#head} says.
     */
    public static Batch head(Source source, String table, int limit) {
        TableSchema schema = describe(source, table);
        List<Object[]> kept = new ArrayList<>();
        long size = 0;
        try (RowStream rows = source.head(schema, limit)) {
            while (kept.size() < limit && size < HEAD_BUDGET_CHARS) {
                Batch batch = rows.next(Math.min(HEAD_BATCH, limit - kept.size()));
                if (batch == null) {
                    break;
                }
                for (Object[] row : batch.rows()) {
                    if (size >= HEAD_BUDGET_CHARS) {
                        break;
                    }
                    kept.add(row);
                    size += rowSize(row);
                }
            }
        }
        return new Batch(schema, kept);
    }

    /** The budget a row of a preview uses, as {@link ResultBudget#sizeOf} counts it. */
    public static long rowSize(Object[] row) {
        long size = 0;
        for (Object value : row) {
            size += ResultBudget.sizeOf(value);
        }
        return size;
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
