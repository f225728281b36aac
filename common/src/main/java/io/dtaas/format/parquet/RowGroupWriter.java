package io.dtaas.format.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Rows straight into parquet-java's column writers, one row group at a time, below its record layer: the file
 * ({@link ParquetFileWriter}), per row group a page store ({@link ColumnChunkPageWriteStore}, compression) and
 * the column writers ({@link ParquetProperties#newColumnWriteStore}: encodings, dictionaries, statistics, pages).
 * It does what {@link ParquetWriter} does for a flat schema — the same row-group sizing, pages, footer and
 * model name — without a {@code RecordConsumer} call per field and a {@code MessageColumnIO} pass per record,
 * so the files are the same byte for byte ({@code RowGroupWriterIT} holds it to {@link ParquetWriter}).
 * One thing it adds: which columns go without a dictionary is decided per row group ({@link Dictionaries}),
 * so a column whose dictionary fell back in one row group is plain in the next ones.
 */
final class RowGroupWriter {

    /** Which columns a row group writes without a dictionary, and what each row group written teaches. */
    interface Dictionaries {
        Set<String> plain();

        /** The columns a finished row group wrote PLAIN (their dictionary fell back, or they have none). */
        void wrotePlain(Set<String> columns);

        /** The same columns plain in every row group, learning nothing (what parquet-java's own writer does). */
        static Dictionaries fixed(Set<String> plain) {
            return new Dictionaries() {
                @Override
                public Set<String> plain() {
                    return plain;
                }

                @Override
                public void wrotePlain(Set<String> columns) {
                }
            };
        }
    }

    /** The footer's object-model name, as {@code ParquetWriter} records {@code WriteSupport#getName()}. */
    static final String MODEL_NAME = "dtaas";

    private final ParquetFileWriter file;
    private final RowColumns columns;
    private final MessageType schema;
    private final List<ColumnDescriptor> descriptors;
    /** The settings for a row group whose given columns go without a dictionary. */
    private final Function<Set<String>, ParquetProperties> settings;
    private final Dictionaries dictionaries;
    private ParquetProperties properties;
    private Set<String> plain;
    private final BytesInputCompressor compressor;
    private final long rowGroupBytes;
    private final int rowCountLimit;
    private long nextRowGroupBytes;

    private ColumnChunkPageWriteStore pages;
    private DictionaryWatch watch;
    private ColumnWriteStore store;
    private ColumnWriter[] writers;
    private int rowGroups;
    private long rows;
    private long rowsAtNextSizeCheck;
    /** A row failed half-written: the file is never completed (parquet-java's writer aborts the same way). */
    private boolean failed;
    private boolean closed;

    /**
     * @param settings      the properties for a row group (pages, dictionary sizes, size checks) whose given columns
     *                      go without a dictionary; everything but the dictionary choice the same for every set
     * @param rowGroupBytes the buffered size at which a row group is flushed
     */
    RowGroupWriter(OutputFile out, RowColumns columns, Function<Set<String>, ParquetProperties> settings,
                   Dictionaries dictionaries, BytesInputCompressor compressor, long rowGroupBytes) throws IOException {
        this.columns = columns;
        this.schema = columns.schema();
        this.descriptors = schema.getColumns();
        this.settings = settings;
        this.dictionaries = dictionaries;
        this.plain = Set.copyOf(dictionaries.plain());
        this.properties = settings.apply(plain);
        this.compressor = compressor;
        this.rowGroupBytes = rowGroupBytes;
        this.rowCountLimit = properties.getRowGroupRowCountLimit();
        this.nextRowGroupBytes = rowGroupBytes;
        this.file = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.CREATE, rowGroupBytes,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, properties);
        file.start();
        startRowGroup();
        this.rowsAtNextSizeCheck = properties.getMinRowCountForPageSizeCheck();
    }

    void write(Object[] row) throws IOException {
        if (failed) {
            throw new IOException("an earlier row failed half-written; the Parquet file cannot take more rows");
        }
        try {
            columns.write(row, writers);
            store.endRecord(); // row counts and page-size checks per column
            rows++;
            if (rows >= rowsAtNextSizeCheck || rows >= rowCountLimit) {
                checkRowGroupSize();
            }
        } catch (IOException | RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }

    /**
     * Flushes the row group when the next rows would take it past its size (or row-count limit); otherwise
     * schedules the next check about halfway to the size at the current bytes per row, never more than
     * {@link ParquetProperties#getMaxRowCountForPageSizeCheck()} rows ahead. Asking the store for its size walks
     * every column, hence not every row. This is parquet-java's own schedule (InternalParquetRecordWriter), kept
     * to the same arithmetic so the row groups end on the same rows.
     */
    private void checkRowGroupSize() throws IOException {
        if (rows >= rowCountLimit) {
            flushRowGroup();
            startRowGroup();
            rowsAtNextSizeCheck = checkAfterFlush();
            return;
        }
        long bytes = store.getBufferedSize();
        long bytesPerRow = bytes / rows;
        if (bytes > nextRowGroupBytes - 2 * bytesPerRow) { // better a little under the size than over it
            flushRowGroup();
            startRowGroup();
            rowsAtNextSizeCheck = checkAfterFlush();
        } else {
            long halfway = (rows + (long) (nextRowGroupBytes / ((float) bytesPerRow))) / 2;
            rowsAtNextSizeCheck = Math.min(Math.max(properties.getMinRowCountForPageSizeCheck(), halfway),
                    rows + properties.getMaxRowCountForPageSizeCheck());
        }
    }

    /** After a flush the row count is 0 again, so the next check comes after the minimum count. */
    private long checkAfterFlush() {
        return Math.min(Math.max(properties.getMinRowCountForPageSizeCheck(), rows / 2),
                properties.getMaxRowCountForPageSizeCheck());
    }

    private void startRowGroup() {
        Set<String> nowPlain = Set.copyOf(dictionaries.plain());
        if (!nowPlain.equals(plain)) {
            plain = nowPlain;
            properties = settings.apply(plain);
        }
        pages = ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(column -> compressor)
                .withSchema(schema)
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .withRowGroupOrdinal(rowGroups)
                .build();
        watch = new DictionaryWatch(pages);
        store = properties.newColumnWriteStore(schema, watch, pages);
        writers = new ColumnWriter[descriptors.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = store.getColumnWriter(descriptors.get(i));
        }
    }

    /** The buffered rows as one row group of the file; the stores are released either way. */
    private void flushRowGroup() throws IOException {
        try {
            if (rows > 0) {
                rowGroups++;
                file.startBlock(rows);
                store.flush();
                pages.flushToFileWriter(file);
                rows = 0;
                file.endBlock();
                nextRowGroupBytes = Math.min(file.getNextRowGroupSize(), rowGroupBytes);
                dictionaries.wrotePlain(watch.plainColumns());
            }
        } finally {
            releaseStores();
        }
    }

    private void releaseStores() {
        if (store != null) {
            store.close();
            pages.close();
        }
        store = null;
        pages = null;
        watch = null;
        writers = null;
    }

    /** Completes the file: the last row group and the footer. After a failed row, abandons it instead. */
    void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (failed) {
            abandon();
            return;
        }
        try {
            flushRowGroup();
            file.end(Map.of(ParquetWriter.OBJECT_MODEL_NAME_PROP, MODEL_NAME));
        } catch (IOException | RuntimeException e) {
            file.abort();
            throw e;
        } finally {
            releaseStores();
            file.close();
            compressor.release();
        }
    }

    /** Releases the buffers without completing the file; the stream is left to its owner. Never throws. */
    private void abandon() {
        file.abort();
        try {
            releaseStores();
            file.close();
        } catch (IOException | RuntimeException ignored) {
            // abandoned anyway
        } finally {
            compressor.release();
        }
    }
}
