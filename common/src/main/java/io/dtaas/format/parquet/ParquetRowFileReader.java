package io.dtaas.format.parquet;

import io.dtaas.data.TableSchema;
import io.dtaas.error.TransientError;
import io.dtaas.format.RowFileReader;
import io.dtaas.format.TextValues;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Reads a Parquet file DTaaS wrote back into rows (for validation), without Hadoop: the file is copied to a local
 * temporary file (Parquet needs to seek to its footer), read one row group at a time and deleted on close. Values are
 * decoded by the file's own types ({@link ParquetColumns}): dates, times and timestamps from their microseconds,
 * decimals with their scale; decimals too wide for Parquet's decimal come back from their text.
 */
public final class ParquetRowFileReader implements RowFileReader {

    private final TableSchema schema;
    private final Path copy;
    private final ParquetFileReader reader;
    private final MessageType fileSchema;
    private final int[] positions;
    private final String describe;
    private RecordReader<Group> records;
    private long left;

    /** @param in the file's bytes, read and closed here */
    public ParquetRowFileReader(TableSchema schema, InputStream in, Path scratch, String describe) {
        this.schema = schema;
        this.describe = describe;
        Path file = null;
        try (in) {
            file = Files.createTempFile(scratch, "dtaas-validate-", ".parquet");
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            this.reader = ParquetFileReader.open(new LocalInputFile(file), HadoopFreeReadOptions.with(new ParquetCodecs()));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw new TransientError("cannot read " + describe + ": " + e, e);
        }
        this.copy = file;
        this.fileSchema = reader.getFooter().getFileMetaData().getSchema();
        this.positions = new int[fileSchema.getFieldCount()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = schema.indexOf(fileSchema.getFieldName(i));
        }
    }

    @Override
    public Object[] next() {
        try {
            while (left == 0) {
                PageReadStore pages = reader.readNextRowGroup();
                if (pages == null) {
                    return null;
                }
                records = new ColumnIOFactory().getColumnIO(fileSchema).getRecordReader(pages,
                        new GroupRecordConverter(fileSchema));
                left = pages.getRowCount();
            }
            left--;
            Group group = records.read();
            Object[] row = new Object[schema.columns().size()];
            for (int i = 0; i < positions.length; i++) {
                if (positions[i] >= 0 && group.getFieldRepetitionCount(i) > 0) {
                    row[positions[i]] = TextValues.asKind(schema.columns().get(positions[i]).type().kind(),
                            value(group, i, fileSchema.getType(i).asPrimitiveType()));
                }
            }
            return row;
        } catch (IOException | RuntimeException e) {
            throw new TransientError("cannot read " + describe + ": " + e, e);
        }
    }

    private static Object value(Group group, int field, PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> group.getBoolean(field, 0);
            case INT32 -> {
                int v = group.getInteger(field, 0);
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    yield LocalDate.ofEpochDay(v);
                }
                yield logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d
                        ? BigDecimal.valueOf(v, d.getScale()) : (Object) v;
            }
            case INT64 -> int64(group.getLong(field, 0), logical);
            case FLOAT -> group.getFloat(field, 0);
            case DOUBLE -> group.getDouble(field, 0);
            case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                byte[] bytes = group.getBinary(field, 0).getBytes();
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    yield new BigDecimal(new BigInteger(bytes), d.getScale());
                }
                yield logical == null ? bytes : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
            case INT96 -> group.getInt96(field, 0).getBytes();
        };
    }

    private static Object int64(long v, LogicalTypeAnnotation logical) {
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
            Instant at = Instant.EPOCH.plus(v, java.time.temporal.ChronoUnit.MICROS);
            return t.isAdjustedToUTC() ? at : LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        }
        if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
            return LocalTime.ofNanoOfDay(v * 1000);
        }
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return BigDecimal.valueOf(v, d.getScale());
        }
        return v;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // read-only: nothing lost
        } finally {
            deleteQuietly(copy);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file: the OS cleans it up
            }
        }
    }
}
