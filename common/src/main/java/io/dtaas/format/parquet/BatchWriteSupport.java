package io.dtaas.format.parquet;

import io.dtaas.data.TableSchema;
import io.dtaas.format.ValueErrors;
import io.dtaas.format.parquet.ParquetColumn.UnwritableValue;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.util.List;
import java.util.Map;

/** Hands rows of a {@link io.dtaas.data.Batch} (aligned {@code Object[]}) to Parquet's record consumer. */
final class BatchWriteSupport extends WriteSupport<Object[]> {

    private final TableSchema table;
    private final MessageType schema;
    /** Per column: read once per value, so plain arrays rather than list and type look-ups. */
    private final String[] names;
    private final ParquetColumn.ValueWriter[] writers;
    private RecordConsumer out;

    BatchWriteSupport(TableSchema table) {
        this.table = table;
        List<ParquetColumn> columns = table.columns().stream().map(ParquetColumns::of).toList();
        this.schema = new MessageType(table.table().name(), columns.stream().map(ParquetColumn::type).toList());
        this.names = columns.stream().map(c -> c.type().getName()).toArray(String[]::new);
        this.writers = columns.stream().map(ParquetColumn::writer).toArray(ParquetColumn.ValueWriter[]::new);
    }

    MessageType schema() {
        return schema;
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of());
    }

    /** Never called: the writer is always built with a {@link ParquetConfiguration}, so Hadoop stays unloaded. */
    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
        out.startMessage();
        for (int i = 0; i < writers.length; i++) {
            Object value = row[i];
            if (value == null) {
                continue;
            }
            String name = names[i];
            out.startField(name, i);
            try {
                writers[i].write(out, value);
            } catch (ClassCastException e) {
                throw ValueErrors.typeMismatch(table, i, value, e);
            } catch (UnwritableValue e) {
                throw ValueErrors.unwritable(table, i, e.getMessage(), e.getCause());
            }
            out.endField(name, i);
        }
        out.endMessage();
    }

    @Override
    public String getName() {
        return "dtaas";
    }
}
