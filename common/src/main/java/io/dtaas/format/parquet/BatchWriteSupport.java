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
    private final List<ParquetColumn> columns;
    private final MessageType schema;
    private RecordConsumer out;

    BatchWriteSupport(TableSchema table) {
        this.table = table;
        this.columns = table.columns().stream().map(ParquetColumns::of).toList();
        this.schema = new MessageType(table.table().name(), columns.stream().map(ParquetColumn::type).toList());
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
        for (int i = 0; i < columns.size(); i++) {
            Object value = row[i];
            if (value == null) {
                continue;
            }
            String name = columns.get(i).type().getName();
            out.startField(name, i);
            try {
                columns.get(i).writer().write(out, value);
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
