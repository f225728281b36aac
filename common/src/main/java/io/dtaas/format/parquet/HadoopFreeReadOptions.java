package io.dtaas.format.parquet;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetMetricsCallback;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;

/**
 * Read options for {@code ParquetFileReader} without Hadoop on the class path. parquet-hadoop 1.18's
 * {@code ParquetReadOptions.Builder} always creates Hadoop's codec factory (it loads Hadoop's zlib classes) before
 * {@code withCodecFactory} can replace it, so the options are made with their constructor (package-private, hence
 * reflection) and the builder's defaults: statistics, dictionary, column-index and bloom filters on, no record
 * filter, heap buffers, 8 MiB allocations, no decryption. Pinned to parquet 1.18's constructor; a version with
 * another one fails here, with this class named.
 */
final class HadoopFreeReadOptions {

    private static final int MAX_ALLOCATION = 8 * 1024 * 1024;

    private HadoopFreeReadOptions() {
    }

    static ParquetReadOptions with(CompressionCodecFactory codecs) {
        try {
            Constructor<ParquetReadOptions> constructor = ParquetReadOptions.class.getDeclaredConstructor(
                    boolean.class, boolean.class, boolean.class, boolean.class, boolean.class, boolean.class,
                    boolean.class, boolean.class, boolean.class, FilterCompat.Filter.class,
                    ParquetMetadataConverter.MetadataFilter.class, CompressionCodecFactory.class,
                    org.apache.parquet.bytes.ByteBufferAllocator.class, int.class, Map.class,
                    FileDecryptionProperties.class, ParquetMetricsCallback.class, ParquetConfiguration.class);
            constructor.setAccessible(true);
            return constructor.newInstance(
                    false, // signed min/max for strings
                    true, // statistics filter
                    true, // dictionary filter
                    true, // record filter
                    true, // column index filter
                    false, // page checksum verification
                    true, // bloom filter
                    false, // off-heap decryption buffer
                    false, // Hadoop vectored I/O
                    FilterCompat.NOOP, ParquetMetadataConverter.NO_FILTER, codecs, new HeapByteBufferAllocator(),
                    MAX_ALLOCATION, new HashMap<String, String>(), null, null, new PlainParquetConfiguration());
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException("cannot make Parquet read options without Hadoop (parquet-hadoop "
                    + "version?): " + e, e);
        }
    }
}
