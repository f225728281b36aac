package io.dtaas.format.parquet;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriteStore;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * A row group's page store, watched: passes every page through unchanged and notes the columns whose values
 * were written PLAIN, i.e. whose dictionary fell back (outgrew its page, or did not pay off on the first page)
 * or that have none. The row-group writer hands them to {@link ParquetDictionaries} when the row group is done,
 * so the file's next row groups — and the table's other files — write them plain from the start instead of
 * building a dictionary to throw away again.
 */
final class DictionaryWatch implements PageWriteStore {

    private final PageWriteStore pages;
    private final Set<String> plain = new HashSet<>();

    DictionaryWatch(PageWriteStore pages) {
        this.pages = pages;
    }

    /** Top-level column names written PLAIN so far in this row group. */
    Set<String> plainColumns() {
        return plain;
    }

    @Override
    public PageWriter getPageWriter(ColumnDescriptor column) {
        return new Watched(pages.getPageWriter(column), column.getPath()[0]);
    }

    private void noted(String column, Encoding values, int valueCount, Statistics<?> statistics) {
        boolean hasValues = statistics == null || statistics.isEmpty() ? valueCount > 0
                : valueCount > statistics.getNumNulls();
        if (values == Encoding.PLAIN && hasValues) {
            plain.add(column);
        }
    }

    /** Every method delegates, overloads with defaults included, so what reaches the file is unchanged. */
    private final class Watched implements PageWriter {

        private final PageWriter pages;
        private final String column;

        Watched(PageWriter pages, String column) {
            this.pages = pages;
            this.column = column;
        }

        @Override
        public void writePage(BytesInput bytes, int valueCount, Statistics<?> statistics, Encoding rlEncoding,
                              Encoding dlEncoding, Encoding valuesEncoding) throws IOException {
            noted(column, valuesEncoding, valueCount, statistics);
            pages.writePage(bytes, valueCount, statistics, rlEncoding, dlEncoding, valuesEncoding);
        }

        @Override
        public void writePage(BytesInput bytes, int valueCount, int rowCount, Statistics<?> statistics,
                              Encoding rlEncoding, Encoding dlEncoding, Encoding valuesEncoding) throws IOException {
            noted(column, valuesEncoding, valueCount, statistics);
            pages.writePage(bytes, valueCount, rowCount, statistics, rlEncoding, dlEncoding, valuesEncoding);
        }

        @Override
        public void writePage(BytesInput bytes, int valueCount, int rowCount, Statistics<?> statistics,
                              SizeStatistics sizeStatistics, Encoding rlEncoding, Encoding dlEncoding,
                              Encoding valuesEncoding) throws IOException {
            noted(column, valuesEncoding, valueCount, statistics);
            pages.writePage(bytes, valueCount, rowCount, statistics, sizeStatistics, rlEncoding, dlEncoding,
                    valuesEncoding);
        }

        @Override
        public void writePage(BytesInput bytes, int valueCount, int rowCount, Statistics<?> statistics,
                              SizeStatistics sizeStatistics, GeospatialStatistics geospatialStatistics,
                              Encoding rlEncoding, Encoding dlEncoding, Encoding valuesEncoding) throws IOException {
            noted(column, valuesEncoding, valueCount, statistics);
            pages.writePage(bytes, valueCount, rowCount, statistics, sizeStatistics, geospatialStatistics,
                    rlEncoding, dlEncoding, valuesEncoding);
        }

        @Override
        public void writePageV2(int rowCount, int nullCount, int valueCount, BytesInput repetitionLevels,
                                BytesInput definitionLevels, Encoding dataEncoding, BytesInput data,
                                Statistics<?> statistics) throws IOException {
            noted(column, dataEncoding, valueCount, statistics);
            pages.writePageV2(rowCount, nullCount, valueCount, repetitionLevels, definitionLevels, dataEncoding, data,
                    statistics);
        }

        @Override
        public void writePageV2(int rowCount, int nullCount, int valueCount, BytesInput repetitionLevels,
                                BytesInput definitionLevels, Encoding dataEncoding, BytesInput data,
                                Statistics<?> statistics, SizeStatistics sizeStatistics) throws IOException {
            noted(column, dataEncoding, valueCount, statistics);
            pages.writePageV2(rowCount, nullCount, valueCount, repetitionLevels, definitionLevels, dataEncoding, data,
                    statistics, sizeStatistics);
        }

        @Override
        public void writePageV2(int rowCount, int nullCount, int valueCount, BytesInput repetitionLevels,
                                BytesInput definitionLevels, Encoding dataEncoding, BytesInput data,
                                Statistics<?> statistics, SizeStatistics sizeStatistics,
                                GeospatialStatistics geospatialStatistics) throws IOException {
            noted(column, dataEncoding, valueCount, statistics);
            pages.writePageV2(rowCount, nullCount, valueCount, repetitionLevels, definitionLevels, dataEncoding, data,
                    statistics, sizeStatistics, geospatialStatistics);
        }

        @Override
        public long getMemSize() {
            return pages.getMemSize();
        }

        @Override
        public long allocatedSize() {
            return pages.allocatedSize();
        }

        @Override
        public void writeDictionaryPage(DictionaryPage dictionaryPage) throws IOException {
            pages.writeDictionaryPage(dictionaryPage);
        }

        @Override
        public String memUsageString(String prefix) {
            return pages.memUsageString(prefix);
        }

        @Override
        public void close() {
            pages.close();
        }
    }
}
