package io.dtaas.connect.objectstore;

import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.WriteMode;
import io.dtaas.connect.objectstore.FileDestinationTesting.Place;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.error.ConfigError;
import io.dtaas.format.Compression;
import io.dtaas.format.ParquetOptions;
import io.dtaas.format.RowFileFormat;
import io.dtaas.testing.EdgeCaseBatch;
import io.dtaas.testing.EdgeCaseChecks;
import io.dtaas.testing.FileReadBack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static io.dtaas.connect.objectstore.FileDestinationTesting.RUN;
import static io.dtaas.connect.objectstore.FileDestinationTesting.SMALL;
import static io.dtaas.connect.objectstore.FileDestinationTesting.chunk;
import static io.dtaas.connect.objectstore.FileDestinationTesting.contents;
import static io.dtaas.connect.objectstore.FileDestinationTesting.csvIds;
import static io.dtaas.connect.objectstore.FileDestinationTesting.dataKeys;
import static io.dtaas.connect.objectstore.FileDestinationTesting.markers;
import static io.dtaas.connect.objectstore.FileDestinationTesting.publish;
import static io.dtaas.connect.objectstore.FileDestinationTesting.rows;
import static io.dtaas.connect.objectstore.FileDestinationTesting.runOf;
import static io.dtaas.connect.objectstore.FileDestinationTesting.writeChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every file destination (S3, local files) guarantees, run against the real thing by each subclass:
 * exact values in every format and compression, one set of files per chunk of a run however often it is
 * written, new files for every run (APPEND never replaces an earlier run's), resumed runs continuing their
 * files, nothing visible from an uncommitted chunk, file splitting, load-date folders, and OVERWRITE deleting
 * only what DTaaS published.
 */
public abstract class FileDestinationContractIT {

    @TempDir
    protected Path scratch;

    protected abstract Connector connector();

    protected abstract Place newPlace();

    static Stream<Arguments> formats() {
        List<Arguments> all = new ArrayList<>();
        for (String format : List.of("parquet", "csv", "json")) {
            for (Compression c : Compression.values()) {
                all.add(Arguments.of(format, c.wireName()));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formats")
    void everyEdgeCaseIsStoredExactlyAsDocumented(String format, String compression) {
        Place place = newPlace();
        Map<String, Object> config = settings(place, format, compression);
        RowFileFormat file = RowFileFormat.of(format, compression, "c");
        long bytes;
        try (Destination destination = destination(config)) {
            bytes = writeChunk(destination, EdgeCaseBatch.schema(), EdgeCaseBatch.TABLE, 0, 1, WriteMode.APPEND,
                    EdgeCaseBatch.batch());
            destination.complete(EdgeCaseBatch.schema(), EdgeCaseBatch.TABLE, WriteMode.APPEND);
        }
        assertThat(dataKeys(place)).singleElement().asString()
                .matches("edge/all_kinds/part-" + RUN + "-00000-000" + java.util.regex.Pattern.quote(file.fileExtension()));
        String key = dataKeys(place).getFirst();
        byte[] stored = place.read(key);
        assertThat(bytes).as("bytes written").isEqualTo(stored.length);
        switch (file.format()) {
            case PARQUET -> EdgeCaseChecks.assertParquet(FileReadBack.parquet(stored, scratch),
                    FileReadBack.parquetCodec(file.compression()));
            case CSV -> EdgeCaseChecks.assertCsv(FileReadBack.decompress(stored, file.compression()));
            case JSON -> EdgeCaseChecks.assertJsonLines(FileReadBack.decompress(stored, file.compression()));
        }
    }

    @Test
    void aChunkWrittenAgainInTheSameRunReplacesItsFilesAndNeverDoublesRows() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        config.put("max_rows_per_file", 2);
        try (Destination destination = destination(config)) {
            destination.prepare(SMALL, SMALL.table(), WriteMode.APPEND);
            writeChunk(destination, SMALL, SMALL.table(), 0, 1, WriteMode.APPEND, rows(1, 5));
            String run = runOf(dataKeys(place).getFirst());
            assertThat(dataKeys(place)).containsExactly("shop/orders/part-" + run + "-00000-000.csv",
                    "shop/orders/part-" + run + "-00000-001.csv", "shop/orders/part-" + run + "-00000-002.csv");
            writeChunk(destination, SMALL, SMALL.table(), 0, 1, WriteMode.APPEND, rows(1, 3));
            assertThat(dataKeys(place)).containsExactly("shop/orders/part-" + run + "-00000-000.csv",
                    "shop/orders/part-" + run + "-00000-001.csv");
            assertThat(csvIds(place)).containsExactly(1L, 2L, 3L);
            writeChunk(destination, SMALL, SMALL.table(), 0, 1, WriteMode.APPEND, rows(1, 5));
            assertThat(csvIds(place)).containsExactly(1L, 2L, 3L, 4L, 5L);
            destination.complete(SMALL, SMALL.table(), WriteMode.APPEND);
        }
        assertThat(markers(place)).as("the deleted -002 file's marker went with it").hasSize(1 + 3);
    }

    @Test
    void appendingTwiceOnTheSameDayKeepsBothRunsFiles() {
        for (boolean dated : List.of(false, true)) {
            Place place = newPlace();
            Map<String, Object> config = settings(place, "csv", "none");
            config.put("partition_by_load_date", dated);
            writeOnce(config, 0, 1, WriteMode.APPEND, rows(1, 3));
            List<String> first = dataKeys(place);
            writeOnce(config, 0, 1, WriteMode.APPEND, rows(1, 3));
            assertThat(dataKeys(place)).as("dated " + dated).hasSize(2).containsAll(first);
            assertThat(dataKeys(place).stream().map(FileDestinationTesting::runOf).distinct()).hasSize(2);
            assertThat(csvIds(place).stream().sorted()).containsExactly(1L, 1L, 2L, 2L, 3L, 3L);
        }
    }

    @Test
    void maxRowsPerFileSplitsAcrossBatchBoundaries() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "json", "none");
        config.put("max_rows_per_file", 3);
        writeOnce(config, 4, 9, WriteMode.APPEND, rows(1, 2), rows(3, 5), rows(6, 7));
        List<String> keys = dataKeys(place);
        String run = runOf(keys.getFirst());
        assertThat(keys).containsExactly("shop/orders/part-" + run + "-00004-000.jsonl",
                "shop/orders/part-" + run + "-00004-001.jsonl", "shop/orders/part-" + run + "-00004-002.jsonl");
        List<List<Long>> idsPerFile = keys.stream().map(k -> FileReadBack.jsonLines(place.read(k)).stream()
                .map(n -> n.get("id").asLong()).toList()).toList();
        assertThat(idsPerFile).containsExactly(List.of(1L, 2L, 3L), List.of(4L, 5L, 6L), List.of(7L));
    }

    @Test
    void anUncommittedChunkLeavesNothingAndKeepsTheEarlierAttempt() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "csv", "gzip");
        config.put("max_rows_per_file", 2);
        try (Destination destination = destination(config)) {
            try (ChunkWriter writer = destination.open(SMALL, SMALL.table(), chunk(0, 1), WriteMode.APPEND)) {
                writer.write(rows(1, 5));
            }
        }
        assertThat(dataKeys(place)).isEmpty();
        assertThat(place.pending()).isEmpty();

        try (Destination destination = destination(config)) {
            writeChunk(destination, SMALL, SMALL.table(), 0, 1, WriteMode.APPEND, rows(1, 3));
            Map<String, byte[]> before = contents(place);
            try (ChunkWriter writer = destination.open(SMALL, SMALL.table(), chunk(0, 1), WriteMode.APPEND)) {
                writer.write(rows(100, 110));
            }
            assertThat(contents(place)).containsOnlyKeys(before.keySet());
            before.forEach((key, bytes) -> assertThat(place.read(key)).as(key).isEqualTo(bytes));
        }
        assertThat(place.pending()).isEmpty();
    }

    @Test
    void overwriteDeletesOnlyTheFilesDtaasPublishedAndOnlyAtComplete() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        try (Destination earlier = destination(config)) {
            for (int chunk = 0; chunk < 3; chunk++) {
                writeChunk(earlier, SMALL, SMALL.table(), chunk, 3, WriteMode.APPEND, rows(chunk * 10 + 1, chunk * 10 + 1));
            }
        }
        writeOnce(config, 0, 1, WriteMode.APPEND, rows(50, 50));
        List<String> old = dataKeys(place);
        ConfigValues values = validated(config);
        String p = prefixOf(values);
        List<String> foreign = List.of("shop/orders/_SUCCESS", "shop/orders/part-00000-000.csv",
                "shop/orders/part-20260101T000000Z-abcdef-00000-000.csv", "shop/orders/notes/readme.txt",
                "shop/orders/load_date=2026-11-05/mine.csv", "shop/orders_archive/part-00000-000.csv");
        try (ObjectSink sink = place.sink(values)) {
            foreign.forEach(key -> publish(sink, p + key));
            // a marker planted for a foreign file: its name is not one DTaaS writes, so it lists nothing
            publish(sink, p + "shop/orders/.dtaas-manifest/changes/_SUCCESS");
        }
        try (Destination destination = destination(config)) {
            destination.prepare(SMALL, SMALL.table(), WriteMode.OVERWRITE);
            writeChunk(destination, SMALL, SMALL.table(), 0, 2, WriteMode.OVERWRITE, rows(100, 101));
            writeChunk(destination, SMALL, SMALL.table(), 1, 2, WriteMode.OVERWRITE, rows(102, 102));
            assertThat(dataKeys(place)).as("before complete").containsAll(old).containsAll(foreign);
            destination.complete(SMALL, SMALL.table(), WriteMode.OVERWRITE);
        }
        List<String> now = dataKeys(place).stream().filter(k -> !foreign.contains(k)).toList();
        assertThat(now).hasSize(2).allSatisfy(k -> assertThat(old).doesNotContain(k));
        assertThat(dataKeys(place)).containsAll(foreign);
        foreign.forEach(key -> assertThat(place.read(key)).as(key).containsExactly('x'));
        assertThat(now.stream().flatMap(k -> FileDestinationTesting.withoutHeader(FileReadBack.csv(place.read(k)))
                .stream()).map(r -> Long.parseLong(r.getFirst())).sorted()).containsExactly(100L, 101L, 102L);
        assertThat(markers(place)).as("only the new run and its files are listed, plus the planted marker")
                .hasSize(1 + 2 + 1);
    }

    @Test
    void aResumedRunContinuesTheInterruptedRunsFilesAndReplacesWhatItRedoes() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        writeOnce(config, 0, 2, WriteMode.OVERWRITE, rows(1, 1));
        String completedRun = runOf(dataKeys(place).getFirst());
        String interruptedRun;
        try (Destination interrupted = destination(config)) {
            interrupted.prepare(SMALL, SMALL.table(), WriteMode.OVERWRITE);
            writeChunk(interrupted, SMALL, SMALL.table(), 0, 3, WriteMode.OVERWRITE, rows(10, 10));
            // chunk 1 published, then the process died before its checkpoint: the resumed run redoes it
            writeChunk(interrupted, SMALL, SMALL.table(), 1, 3, WriteMode.OVERWRITE, rows(11, 11));
            interruptedRun = dataKeys(place).stream().map(FileDestinationTesting::runOf)
                    .filter(r -> !r.equals(completedRun)).findFirst().orElseThrow();
        }
        try (Destination resumed = destination(config)) {
            resumed.prepare(SMALL, SMALL.table(), WriteMode.OVERWRITE, true);
            writeChunk(resumed, SMALL, SMALL.table(), 1, 3, WriteMode.OVERWRITE, rows(12, 12));
            writeChunk(resumed, SMALL, SMALL.table(), 2, 3, WriteMode.OVERWRITE, rows(13, 13));
            resumed.complete(SMALL, SMALL.table(), WriteMode.OVERWRITE);
        }
        assertThat(dataKeys(place)).containsExactly("shop/orders/part-" + interruptedRun + "-00000-000.csv",
                "shop/orders/part-" + interruptedRun + "-00001-000.csv",
                "shop/orders/part-" + interruptedRun + "-00002-000.csv");
        assertThat(csvIds(place)).containsExactly(10L, 12L, 13L);
    }

    @Test
    void aResumedRunThatWritesNoChunkKeepsTheFilesOfTheRunItContinues() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        writeOnce(config, 0, 1, WriteMode.OVERWRITE, rows(1, 1));
        try (Destination interrupted = destination(config)) {
            interrupted.prepare(SMALL, SMALL.table(), WriteMode.OVERWRITE);
            writeChunk(interrupted, SMALL, SMALL.table(), 0, 2, WriteMode.OVERWRITE, rows(5, 5));
            writeChunk(interrupted, SMALL, SMALL.table(), 1, 2, WriteMode.OVERWRITE);
        }
        try (Destination resumed = destination(config)) {
            resumed.prepare(SMALL, SMALL.table(), WriteMode.OVERWRITE, true);
            resumed.complete(SMALL, SMALL.table(), WriteMode.OVERWRITE);
        }
        assertThat(csvIds(place)).containsExactly(5L);
    }

    @Test
    void aResumedRunNeverContinuesACompletedAppendRunWhoseChunksWereEmpty() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        writeOnce(config, 0, 1, WriteMode.APPEND, rows(1, 2));
        try (Destination interrupted = destination(config)) {
            interrupted.prepare(SMALL, SMALL.table(), WriteMode.APPEND);
            writeChunk(interrupted, SMALL, SMALL.table(), 0, 2, WriteMode.APPEND); // empty: no file, but listed
        }
        try (Destination resumed = destination(config)) {
            resumed.prepare(SMALL, SMALL.table(), WriteMode.APPEND, true);
            writeChunk(resumed, SMALL, SMALL.table(), 1, 2, WriteMode.APPEND, rows(3, 3));
        }
        assertThat(csvIds(place)).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void chunksWrittenConcurrentlyEachKeepTheirOwnFiles() throws Exception {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "json", "zstd");
        config.put("max_rows_per_file", 50);
        int chunks = 4;
        try (Destination destination = destination(config);
             ExecutorService threads = Executors.newFixedThreadPool(chunks)) {
            List<Future<Long>> done = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                int chunk = c;
                done.add(threads.submit(() -> writeChunk(destination, SMALL, SMALL.table(), chunk, chunks,
                        WriteMode.APPEND, rows(chunk * 1000L + 1, chunk * 1000L + 120))));
            }
            for (Future<Long> f : done) {
                assertThat(f.get()).isPositive();
            }
        }
        assertThat(dataKeys(place)).hasSize(chunks * 3);
        assertThat(markers(place)).hasSize(chunks * 3 + 1);
        List<Long> ids = dataKeys(place).stream()
                .flatMap(k -> FileReadBack.jsonLines(FileReadBack.decompress(place.read(k), Compression.ZSTD)).stream())
                .map(n -> n.get("id").asLong()).toList();
        List<Long> expected = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            for (long id = c * 1000L + 1; id <= c * 1000L + 120; id++) {
                expected.add(id);
            }
        }
        assertThat(ids).isEqualTo(expected);
    }

    @Test
    void appendAndMergeKeepEveryEarlierRunsFiles() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "json", "none");
        try (Destination destination = destination(config)) {
            for (int chunk = 0; chunk < 3; chunk++) {
                writeChunk(destination, SMALL, SMALL.table(), chunk, 3, WriteMode.APPEND, rows(chunk + 1, chunk + 1));
            }
        }
        writeOnce(config, 0, 1, WriteMode.APPEND, rows(7, 7));
        writeOnce(config, 0, 1, WriteMode.MERGE, rows(8, 8));
        assertThat(dataKeys(place)).hasSize(5);
        assertThat(dataKeys(place).stream().flatMap(k -> FileReadBack.jsonLines(place.read(k)).stream())
                .map(n -> n.get("id").asLong()).sorted()).containsExactly(1L, 2L, 3L, 7L, 8L);
    }

    @Test
    void loadDatePartitionsFollowTheRunsDateAndOverwriteClearsOtherDates() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "csv", "zstd");
        config.put("partition_by_load_date", true);
        ConfigValues values = validated(config);
        Instant lateOnTheFifth = Instant.parse("2026-11-05T23:59:59Z");
        try (Destination destination = datedDestination(place, values, lateOnTheFifth)) {
            writeChunk(destination, SMALL, SMALL.table(), 0, 2, WriteMode.APPEND, rows(1, 2));
            writeChunk(destination, SMALL, SMALL.table(), 1, 2, WriteMode.APPEND, rows(3, 3));
        }
        assertThat(dataKeys(place)).hasSize(2).allSatisfy(k -> assertThat(k)
                .matches("shop/orders/load_date=2026-11-05/part-20261105T235959Z-[0-9a-f]{6}-0000[01]-000\\.csv\\.zst"));
        // resumed after midnight: chunk 1 is redone in the new date's folder and its earlier attempt goes
        try (Destination destination = datedDestination(place, values, lateOnTheFifth.plusSeconds(1))) {
            destination.prepare(SMALL, SMALL.table(), WriteMode.APPEND, true);
            writeChunk(destination, SMALL, SMALL.table(), 1, 2, WriteMode.APPEND, rows(4, 4));
        }
        assertThat(dataKeys(place)).hasSize(2).anySatisfy(k -> assertThat(k).startsWith("shop/orders/load_date=2026-11-05/")
                .contains("-00000-")).anySatisfy(k -> assertThat(k).startsWith("shop/orders/load_date=2026-11-06/")
                .contains("-00001-"));
        try (Destination destination = datedDestination(place, values, lateOnTheFifth.plusSeconds(2))) {
            destination.prepare(SMALL, SMALL.table(), WriteMode.OVERWRITE);
            writeChunk(destination, SMALL, SMALL.table(), 0, 1, WriteMode.OVERWRITE, rows(5, 5));
            assertThat(dataKeys(place)).hasSize(3);
            destination.complete(SMALL, SMALL.table(), WriteMode.OVERWRITE);
        }
        assertThat(dataKeys(place)).singleElement().asString()
                .matches("shop/orders/load_date=2026-11-06/part-20261106T000001Z-[0-9a-f]{6}-00000-000\\.csv\\.zst");
    }

    @Test
    void anEmptyTableGetsOneFileWithItsColumnsButEmptyChunksOfLargerPlansNone() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "parquet", "default");
        writeOnce(config, 0, 1, WriteMode.APPEND);
        assertThat(dataKeys(place)).singleElement().asString().matches("shop/orders/part-" + RUN + "-00000-000\\.parquet");
        var file = FileReadBack.parquet(place.read(dataKeys(place).getFirst()), scratch);
        assertThat(file.rows()).isEmpty();
        assertThat(file.schema().getFields()).extracting(f -> f.getName()).containsExactly("id", "name");

        writeOnce(config, 1, 3, WriteMode.APPEND);
        assertThat(dataKeys(place)).hasSize(1);
    }

    @Test
    void schemaAndTableNamesCannotReachOutsideTheirFolder() {
        Place place = newPlace();
        TableRef odd = new TableRef("../up", "a/b c");
        try (Destination destination = destination(settings(place, "csv", "none"))) {
            destination.prepare(SMALL, odd, WriteMode.APPEND);
            writeChunk(destination, SMALL, odd, 0, 1, WriteMode.APPEND, rows(1, 1));
        }
        assertThat(dataKeys(place)).singleElement().asString()
                .matches("%2E\\.%2Fup/a%2Fb%20c/part-" + RUN + "-00000-000\\.csv");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"parquet", "csv", "json"})
    void partitionedFilesReadBackEqualTheSourceAndHostileValuesStayInTheTablesFolder(String format) {
        Place place = newPlace();
        Map<String, Object> config = settings(place, format, "none");
        config.put("partition_by", "region, year");
        config.put("file_name_template", "{table}_{date}_{run}_c{chunk}-p{part}.{ext}");
        List<String> regions = new ArrayList<>(PartitionedRows.HOSTILE);
        if (!format.equals("csv")) {
            regions.add(""); // CSV cannot tell an empty string from null
        }
        List<Batch> source = List.of(PartitionedRows.rows(1, 150, regions), PartitionedRows.rows(151, 300, regions),
                PartitionedRows.rows(301, 333, regions));
        try (Destination destination = destination(config)) {
            destination.prepare(PartitionedRows.TABLE, PartitionedRows.TABLE.table(), WriteMode.APPEND);
            for (int chunk = 0; chunk < source.size(); chunk++) {
                writeChunk(destination, PartitionedRows.TABLE, PartitionedRows.TABLE.table(), chunk, source.size(),
                        WriteMode.APPEND, source.get(chunk));
            }
            destination.complete(PartitionedRows.TABLE, PartitionedRows.TABLE.table(), WriteMode.APPEND);
        }
        List<List<String>> back = new ArrayList<>();
        for (String key : dataKeys(place)) {
            List<List<String>> rows = PartitionedRows.readBack(place, key, format, scratch);
            PartitionedRows.assertInItsFolder(key, rows);
            assertThat(key).as("named by the template").matches(".*/orders_\\d{4}-\\d{2}-\\d{2}_" + RUN
                    + "_c0000[0-2]-p\\d{3}\\." + (format.equals("json") ? "jsonl" : format));
            back.addAll(rows);
        }
        List<List<String>> expected = source.stream().flatMap(b -> PartitionedRows.text(b).stream()).toList();
        assertThat(back).hasSize(333);
        assertThat(PartitionedRows.checksums(back)).isEqualTo(PartitionedRows.checksums(expected));
    }

    @Test
    void aRetriedPartitionedChunkReplacesItsFilesInEveryFolderAndLeavesNoDuplicate() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "json", "gzip");
        config.put("partition_by", "region");
        config.put("max_rows_per_file", 4);
        List<String> regions = List.of("EU", "US", "../APAC");
        try (Destination destination = destination(config)) {
            destination.prepare(PartitionedRows.TABLE, PartitionedRows.TABLE.table(), WriteMode.APPEND);
            writeChunk(destination, PartitionedRows.TABLE, PartitionedRows.TABLE.table(), 0, 2, WriteMode.APPEND,
                    PartitionedRows.rows(1, 30, regions));
            writeChunk(destination, PartitionedRows.TABLE, PartitionedRows.TABLE.table(), 1, 2, WriteMode.APPEND,
                    PartitionedRows.rows(31, 40, regions));
            // the same chunk again in the same run (a retry), now with rows in fewer folders
            writeChunk(destination, PartitionedRows.TABLE, PartitionedRows.TABLE.table(), 0, 2, WriteMode.APPEND,
                    PartitionedRows.rows(1, 30, List.of("EU")));
        }
        // a worker died after publishing chunk 1 again but before its checkpoint: the resumed run redoes it
        try (Destination resumed = destination(config)) {
            resumed.prepare(PartitionedRows.TABLE, PartitionedRows.TABLE.table(), WriteMode.APPEND, true);
            writeChunk(resumed, PartitionedRows.TABLE, PartitionedRows.TABLE.table(), 1, 2, WriteMode.APPEND,
                    PartitionedRows.rows(31, 40, regions));
        }
        List<List<String>> back = new ArrayList<>();
        for (String key : dataKeys(place)) {
            byte[] bytes = FileReadBack.decompress(place.read(key), Compression.GZIP);
            FileReadBack.jsonLines(bytes).forEach(n -> back.add(List.of(n.get("id").asText(), n.get("region").asText())));
        }
        List<List<String>> expected = new ArrayList<>();
        PartitionedRows.text(PartitionedRows.rows(1, 30, List.of("EU"))).forEach(r -> expected.add(r.subList(0, 2)));
        PartitionedRows.text(PartitionedRows.rows(31, 40, regions)).forEach(r -> expected.add(r.subList(0, 2)));
        assertThat(PartitionedRows.checksums(back)).isEqualTo(PartitionedRows.checksums(expected));
        assertThat(dataKeys(place)).as("30 EU rows in files of 4, and chunk 1's rows in three folders")
                .filteredOn(k -> k.contains("-00000-")).hasSize(8).allMatch(k -> k.startsWith("shop/orders/region=EU/"));
        assertThat(dataKeys(place)).filteredOn(k -> k.contains("-00001-")).extracting(k -> k.split("/")[2])
                .containsOnly("region=EU", "region=US", "region=%2E.%2FAPAC");
    }

    @Test
    void moreValueFoldersThanOpenFilesStartNewPartsAndKeepEveryRow() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "parquet", "default");
        config.put("partition_by", "region");
        List<String> regions = new ArrayList<>();
        for (int r = 0; r < FileChunkWriter.OPEN_FILES + 4; r++) {
            regions.add("r" + r);
        }
        Batch source = PartitionedRows.rows(1, 240, regions);
        try (Destination destination = destination(config)) {
            destination.prepare(PartitionedRows.TABLE, PartitionedRows.TABLE.table(), WriteMode.APPEND);
            // rows arrive in small batches, cycling through more folders than may stay open
            try (ChunkWriter writer = destination.open(PartitionedRows.TABLE, PartitionedRows.TABLE.table(), chunk(0, 1),
                    WriteMode.APPEND)) {
                for (int from = 0; from < 240; from += 6) {
                    writer.write(new Batch(PartitionedRows.TABLE, source.rows().subList(from, from + 6)));
                }
                writer.commit();
            }
        }
        List<List<String>> back = new ArrayList<>();
        dataKeys(place).forEach(key -> back.addAll(PartitionedRows.readBack(place, key, "parquet", scratch)));
        assertThat(PartitionedRows.checksums(back)).isEqualTo(PartitionedRows.checksums(PartitionedRows.text(source)));
        assertThat(dataKeys(place)).anyMatch(k -> k.endsWith("-001.parquet"));
    }

    @Test
    void aTemplateWithoutRunReplacesTheSameNamesOnOverwriteAndIsRefusedForAppend() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        config.put("file_name_template", "{schema}.{table}-{chunk}.{ext}");
        writeOnce(config, 0, 1, WriteMode.OVERWRITE, rows(1, 3));
        assertThat(dataKeys(place)).containsExactly("shop/orders/shop.orders-00000.csv");
        writeOnce(config, 0, 1, WriteMode.OVERWRITE, rows(4, 5));
        assertThat(dataKeys(place)).containsExactly("shop/orders/shop.orders-00000.csv");
        assertThat(csvIds(place)).containsExactly(4L, 5L);
        assertThat(markers(place)).as("one run and its file are listed").hasSize(2);
        for (WriteMode mode : List.of(WriteMode.APPEND, WriteMode.MERGE)) {
            try (Destination destination = destination(config)) {
                assertThatThrownBy(() -> destination.prepare(SMALL, SMALL.table(), mode))
                        .isInstanceOf(ConfigError.class)
                        .hasMessageStartingWith("connection_config.file_name_template: must contain {run}");
            }
        }
        assertThat(csvIds(place)).containsExactly(4L, 5L);
    }

    @Test
    void badLayoutSettingsAreRefusedNamingTheirField() {
        Place place = newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        config.put("file_name_template", "{table}-{chunk}-{row}.{ext}");
        assertThatThrownBy(() -> validated(config)).isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("connection_config.file_name_template: has an unknown placeholder {row}");
        config.put("file_name_template", "{run}-{chunk}.{ext}");
        config.put("partition_by", "region");
        assertThatThrownBy(() -> validated(config)).isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("connection_config.file_name_template: must contain {part}");
        config.put("file_name_template", "{run}-{chunk}-{part}.{ext}");
        try (Destination destination = destination(config)) {
            assertThatThrownBy(() -> destination.prepare(SMALL, SMALL.table(), WriteMode.APPEND))
                    .isInstanceOf(ConfigError.class)
                    .hasMessageStartingWith("connection_config.partition_by: column region is not in shop.orders");
        }
    }

    // --- helpers ---

    protected Map<String, Object> settings(Place place, String format, String compression) {
        Map<String, Object> config = new HashMap<>(place.config());
        config.put("file_format", format);
        config.put("compression", compression);
        return config;
    }

    protected ConfigValues validated(Map<String, Object> config) {
        ConfigValues values = ConfigValidator.validate(connector().type(), config, "connection_config");
        connector().validate(values);
        return values;
    }

    protected Destination destination(Map<String, Object> config) {
        return connector().destination(validated(config));
    }

    private Destination datedDestination(Place place, ConfigValues values, Instant now) {
        FileLayout layout = FileLayout.from(values, prefixOf(values), "connection_config");
        return new FileDestination(place.sink(values), layout, ParquetOptions.DEFAULT, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The key prefix the connector applies (S3's {@code prefix}; none for a directory). */
    protected String prefixOf(ConfigValues values) {
        return "";
    }

    protected void writeOnce(Map<String, Object> config, int index, int count, WriteMode mode, Batch... batches) {
        try (Destination destination = destination(config)) {
            destination.prepare(SMALL, SMALL.table(), mode);
            writeChunk(destination, SMALL, SMALL.table(), index, count, mode, batches);
            destination.complete(SMALL, SMALL.table(), mode);
        }
    }
}
