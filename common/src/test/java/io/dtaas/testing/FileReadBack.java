package io.dtaas.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import io.dtaas.format.Compression;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.xerial.snappy.SnappyFramedInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads written files back with independent readers: commons-csv for CSV, Jackson's tree for JSON lines,
 * parquet-hadoop's reader (with Hadoop's classes, test scope) for Parquet.
 */
public final class FileReadBack {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** RFC 4180; an empty unquoted field is NULL, a quoted empty one the empty string. */
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setNullString("")
            .setQuoteMode(QuoteMode.ALL_NON_NULL).get();

    private FileReadBack() {
    }

    /** Undoes stream compression, checking the format's magic bytes first. */
    public static byte[] decompress(byte[] bytes, Compression compression) {
        try (InputStream in = switch (compression) {
            case NONE -> new ByteArrayInputStream(bytes);
            case GZIP -> new GZIPInputStream(new ByteArrayInputStream(magic(bytes, 0x1f, 0x8b)));
            case SNAPPY -> new SnappyFramedInputStream(new ByteArrayInputStream(magic(bytes, 0xff, 0x06, 0, 0, 's', 'N')));
            case ZSTD -> new ZstdInputStream(new ByteArrayInputStream(magic(bytes, 0x28, 0xb5, 0x2f, 0xfd)));
        }) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] magic(byte[] bytes, int... expected) {
        for (int i = 0; i < expected.length; i++) {
            if (bytes.length <= i || (bytes[i] & 0xff) != expected[i]) {
                throw new AssertionError("missing magic bytes " + Arrays.toString(expected) + " at start");
            }
        }
        return bytes;
    }

    /** Every record including the header; a null cell is an empty unquoted field. */
    public static List<List<String>> csv(byte[] utf8) {
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(new ByteArrayInputStream(utf8),
                StandardCharsets.UTF_8), CSV)) {
            List<List<String>> records = new ArrayList<>();
            for (CSVRecord record : parser) {
                records.add(Arrays.asList(record.values()));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One tree per line; every line, the last too, must end with a newline. */
    public static List<JsonNode> jsonLines(byte[] utf8) {
        String text = new String(utf8, StandardCharsets.UTF_8);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the last JSON line has no newline");
        }
        List<JsonNode> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                rows.add(json(line));
            }
        }
        return rows;
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The codec a Parquet file's column chunks name for a compression setting. */
    public static CompressionCodecName parquetCodec(Compression compression) {
        return compression == Compression.NONE ? CompressionCodecName.UNCOMPRESSED
                : CompressionCodecName.valueOf(compression.name());
    }

    /** A Parquet file's schema, its row groups' codecs and its rows. */
    public record ParquetContent(MessageType schema, Set<CompressionCodecName> codecs, int rowGroups,
                                 List<Group> rows) {
    }

    public static ParquetContent parquet(byte[] bytes, Path scratch) {
        try {
            Path file = Files.createTempFile(scratch, "read-back-", ".parquet");
            Files.write(file, bytes);
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                MessageType schema = reader.getFooter().getFileMetaData().getSchema();
                Set<CompressionCodecName> codecs = new java.util.HashSet<>();
                for (BlockMetaData block : reader.getFooter().getBlocks()) {
                    block.getColumns().forEach(c -> codecs.add(c.getCodec()));
                }
                List<Group> rows = new ArrayList<>();
                PageReadStore pages;
                while ((pages = reader.readNextRowGroup()) != null) {
                    RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                            .getRecordReader(pages, new GroupRecordConverter(schema));
                    for (long i = 0; i < pages.getRowCount(); i++) {
                        rows.add(records.read());
                    }
                }
                return new ParquetContent(schema, codecs, reader.getFooter().getBlocks().size(), rows);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
