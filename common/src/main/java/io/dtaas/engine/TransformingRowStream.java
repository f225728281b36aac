package io.dtaas.engine;

import io.dtaas.connect.RowStream;
import io.dtaas.data.Batch;
import io.dtaas.transform.Pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A chunk's rows through a table's {@link Pipeline}. Row-wise pipelines transform batch by batch, so memory
 * stays at a batch. A pipeline with a row-set step reads the whole chunk first (applying the row-wise steps
 * before the first row-set step as it goes, so an early filter or drop keeps the buffer small), then runs
 * the rest and hands the result out in batches: such tables are moved as one chunk and must fit in memory.
 */
public final class TransformingRowStream implements RowStream {

    private final RowStream in;
    private final Pipeline pipeline;
    private List<Object[]> buffered;
    private int position;

    public TransformingRowStream(RowStream in, Pipeline pipeline) {
        this.in = in;
        this.pipeline = pipeline;
    }

    @Override
    public Batch next(int maxRows) {
        if (!pipeline.hasRowSetStep()) {
            Batch batch;
            while ((batch = in.next(maxRows)) != null) {
                List<Object[]> out = pipeline.applyRows(batch.rows());
                if (!out.isEmpty()) {
                    return new Batch(pipeline.output(), out);
                }
            }
            return null;
        }
        if (buffered == null) {
            List<Object[]> all = new ArrayList<>();
            Batch batch;
            while ((batch = in.next(maxRows)) != null) {
                all.addAll(pipeline.applyLeading(batch.rows()));
            }
            buffered = pipeline.applyTrailing(all);
        }
        if (position >= buffered.size()) {
            return null;
        }
        int end = Math.min(buffered.size(), position + maxRows);
        Batch out = new Batch(pipeline.output(), new ArrayList<>(buffered.subList(position, end)));
        position = end;
        return out;
    }

    @Override
    public void close() {
        in.close();
    }
}
