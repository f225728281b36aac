package io.dtaas.connect.objectstore;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Destination;
import io.dtaas.connect.WriteMode;
import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.testing.FileReadBack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the file-destination tests share: the place they write to, a small table, chunk writing. */
public final class FileDestinationTesting {

    /** A fresh, empty place to write to, and the means to look at what is there (keys relative to it). */
    public interface Place {
        /** Connection settings of the connector type, pointing at this place. */
        Map<String, Object> config();

        /** A new sink onto this place, built as the connector builds it. */
        ObjectSink sink(ConfigValues config);

        /** Every object or file under the place, hidden ones included, as keys relative to it. */
        List<String> allKeys();

        byte[] read(String key);

        /** Content that is neither visible nor gone: unfinished uploads or staging files. */
        List<String> pending();
    }

    public static final TableSchema SMALL = new TableSchema(new TableRef("shop", "orders"), List.of(
            new Column("id", ColumnType.of(ColumnKind.INT64), false),
            new Column("name", ColumnType.of(ColumnKind.STRING), true)), List.of("id"));

    /** @return the bytes the chunk writer reports */
    public static long writeChunk(Destination destination, TableSchema schema, TableRef target, int index,
                                     int count, WriteMode mode, Batch... batches) {
        try (ChunkWriter writer = destination.open(schema, target, chunk(index, count), mode)) {
            for (Batch batch : batches) {
                writer.write(batch);
            }
            writer.commit();
            return writer.bytesWritten();
        }
    }

    public static Chunk chunk(int index, int count) {
        return new Chunk(SMALL.table(), index, count, new ChunkBounds.WholeTable());
    }

    /** Rows with ids {@code from..to} inclusive. */
    public static Batch rows(long from, long to) {
        List<Object[]> rows = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            rows.add(new Object[] {id, "name " + id});
        }
        return new Batch(SMALL, rows);
    }

    /** CSV records after the header row. */
    static List<List<String>> withoutHeader(List<List<String>> records) {
        return records.isEmpty() ? records : records.subList(1, records.size());
    }

    /** A run name as file names carry it. */
    public static final String RUN = "\\d{8}T\\d{6}Z-[0-9a-f]{6}";

    /** The data files under the place: every key but the manifests' markers. */
    public static List<String> dataKeys(Place place) {
        return place.allKeys().stream().filter(key -> !key.startsWith(".dtaas-manifest/")
                && !key.contains("/.dtaas-manifest/")).sorted().toList();
    }

    /** The manifest markers under the place. */
    public static List<String> markers(Place place) {
        return place.allKeys().stream().filter(key -> key.contains(".dtaas-manifest/")).sorted().toList();
    }

    /** The run name in a part file's key. */
    public static String runOf(String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(".*/part-(" + RUN + ")-\\d{5}-\\d{3}\\..*")
                .matcher(key);
        if (!m.matches()) {
            throw new AssertionError(key + " is not a part file's key");
        }
        return m.group(1);
    }

    public static List<Long> csvIds(Place place) {
        return dataKeys(place).stream().filter(key -> key.startsWith("shop/orders/")).sorted()
                .flatMap(key -> withoutHeader(FileReadBack.csv(place.read(key))).stream())
                .map(record -> Long.parseLong(record.get(0))).toList();
    }

    public static Map<String, byte[]> contents(Place place) {
        Map<String, byte[]> all = new HashMap<>();
        dataKeys(place).forEach(key -> all.put(key, place.read(key)));
        return all;
    }

    public static void publish(ObjectSink sink, String key) {
        try (StagedObject object = sink.create(key)) {
            object.output().write(new byte[] {'x'});
            object.output().close();
            object.publish();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private FileDestinationTesting() {
    }
}
