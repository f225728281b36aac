package io.dtaas.connect.s3;

import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.Connector;
import io.dtaas.connect.Destination;
import io.dtaas.connect.WriteMode;
import io.dtaas.connect.objectstore.FileDestination;
import io.dtaas.connect.objectstore.FileDestinationContractIT;
import io.dtaas.connect.objectstore.FileDestinationTesting.Place;
import io.dtaas.connect.objectstore.FileLayout;
import io.dtaas.connect.objectstore.ObjectSink;
import io.dtaas.data.Batch;
import io.dtaas.error.ConfigError;
import io.dtaas.format.ParquetOptions;
import io.dtaas.testing.FileReadBack;
import io.dtaas.testing.S3ServerFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dtaas.connect.objectstore.FileDestinationTesting.RUN;
import static io.dtaas.connect.objectstore.FileDestinationTesting.SMALL;
import static io.dtaas.connect.objectstore.FileDestinationTesting.dataKeys;
import static io.dtaas.connect.objectstore.FileDestinationTesting.chunk;
import static io.dtaas.connect.objectstore.FileDestinationTesting.rows;
import static io.dtaas.connect.objectstore.FileDestinationTesting.writeChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The file-destination contract against a real S3-protocol server (s3proxy, checking signatures), plus what
 * only S3 has: multipart uploads streamed part by part, aborted when the chunk is not committed.
 */
class S3DestinationIT extends FileDestinationContractIT {

    private static final String BUCKET = "dtaas-it-files";
    /** S3's (and s3proxy's) smallest part but the last. */
    private static final int SMALL_PART = 5 * 1024 * 1024;

    @BeforeAll
    static void bucket() {
        S3ServerFixture.createBucket(BUCKET);
    }

    @Override
    protected Connector connector() {
        return new S3Connector();
    }

    @Override
    protected Place newPlace() {
        return new BucketPlace("it-" + UUID.randomUUID() + "/");
    }

    @Override
    protected String prefixOf(ConfigValues values) {
        return values.string("prefix");
    }

    @Test
    void largeFilesStreamAsMultipartUploadsVisibleOnlyAfterCommit() {
        BucketPlace place = (BucketPlace) newPlace();
        ConfigValues values = validated(settings(place, "csv", "none"));
        try (Destination destination = destination(values, SMALL_PART, S3ObjectSink.DEFAULT_HELD_BYTES);
             ChunkWriter writer = destination.open(SMALL, SMALL.table(), chunk(0, 1), WriteMode.APPEND)) {
            for (int b = 0; b < 13; b++) {
                writer.write(wideRows(b * 1000L + 1, (b + 1) * 1000L));
            }
            assertThat(writer.bytesWritten()).isGreaterThan(13L * 1000 * 1000);
            assertThat(place.pending()).singleElement().asString()
                    .matches("shop/orders/part-" + RUN + "-00000-000\\.csv");
            assertThat(dataKeys(place)).isEmpty();
            writer.commit();
        }
        assertThat(place.pending()).isEmpty();
        String key = dataKeys(place).getFirst();
        assertThat(dataKeys(place)).containsExactly(key);
        assertThat(key).matches("shop/orders/part-" + RUN + "-00000-000\\.csv");
        assertThat(place.partCount(key)).as("13 MB in 5 MiB parts").isEqualTo(3);
        List<List<String>> records = FileReadBack.csv(place.read(key));
        assertThat(records).hasSize(13_001);
        for (int i = 1; i <= 13_000; i++) {
            assertThat(records.get(i).get(0)).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void anUncommittedMultipartUploadIsAborted() {
        BucketPlace place = (BucketPlace) newPlace();
        ConfigValues values = validated(settings(place, "json", "none"));
        try (Destination destination = destination(values, SMALL_PART, S3ObjectSink.DEFAULT_HELD_BYTES);
             ChunkWriter writer = destination.open(SMALL, SMALL.table(), chunk(0, 1), WriteMode.APPEND)) {
            for (int b = 0; b < 7; b++) {
                writer.write(wideRows(b * 1000L + 1, (b + 1) * 1000L));
            }
            assertThat(place.pending()).hasSize(1);
        }
        assertThat(place.pending()).isEmpty();
        assertThat(dataKeys(place)).isEmpty();
    }

    @Test
    void smallFilesAreHeldForOnePutWithinTheBudgetAndUploadedAtOnceBeyondIt() {
        for (long budget : List.of(S3ObjectSink.DEFAULT_HELD_BYTES, 0L)) {
            BucketPlace place = (BucketPlace) newPlace();
            var config = settings(place, "csv", "none");
            config.put("max_rows_per_file", 1);
            ConfigValues values = validated(config);
            S3ObjectSink sink = new S3ObjectSink(S3Clients.create(S3Config.from(values), Duration.ofSeconds(30)),
                    BUCKET, S3ObjectSink.DEFAULT_PART_SIZE, budget);
            try (Destination destination = destination(values, sink);
                 ChunkWriter writer = destination.open(SMALL, SMALL.table(), chunk(0, 1), WriteMode.APPEND)) {
                writer.write(rows(1, 3));
                assertThat(dataKeys(place)).isEmpty();
                assertThat(place.pending()).hasSize(budget == 0 ? 3 : 0);
                assertThat(sink.heldBytes()).isEqualTo(budget == 0 ? 0 : writer.bytesWritten());
                writer.commit();
                assertThat(sink.heldBytes()).isZero();
            }
            assertThat(dataKeys(place)).hasSize(3).allSatisfy(key ->
                    assertThat(place.partCount(key)).isEqualTo(budget == 0 ? 1 : 0));
            assertThat(place.pending()).isEmpty();
        }
    }

    @Test
    void refusedCredentialsAreTheUsersToFix() {
        BucketPlace place = (BucketPlace) newPlace();
        Map<String, Object> config = settings(place, "csv", "none");
        config.put("aws_secret_access_key", "not-the-secret");
        try (Destination destination = destination(config)) {
            assertThatThrownBy(() -> writeChunk(destination, SMALL, SMALL.table(), 0, 1, WriteMode.APPEND, rows(1, 2)))
                    .isInstanceOf(ConfigError.class)
                    .hasMessageStartingWith("connection_config.aws_access_key_id: ")
                    .hasMessageContaining(" s3://" + BUCKET + "/").hasMessageContaining("403 SignatureDoesNotMatch")
                    .hasMessageNotContaining("not-the-secret");
        }
    }

    private Destination destination(ConfigValues values, int partSize, long heldBytes) {
        return destination(values, new S3ObjectSink(S3Clients.create(S3Config.from(values), Duration.ofSeconds(30)),
                BUCKET, partSize, heldBytes));
    }

    private Destination destination(ConfigValues values, S3ObjectSink sink) {
        return new FileDestination(sink, FileLayout.from(values, prefixOf(values), "connection_config"),
                ParquetOptions.DEFAULT, Clock.systemUTC());
    }

    /** About 1 KB per row. */
    private static Batch wideRows(long from, long to) {
        List<Object[]> rows = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            rows.add(new Object[] {id, "name " + id + " " + "w".repeat(1000)});
        }
        return new Batch(SMALL, rows);
    }

    static final class BucketPlace implements Place {
        private final String prefix;

        BucketPlace(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> config = S3ServerFixture.connectionConfig(BUCKET);
            config.put("prefix", prefix);
            return config;
        }

        @Override
        public ObjectSink sink(ConfigValues config) {
            return new S3ObjectSink(S3Clients.create(S3Config.from(config), Duration.ofSeconds(30)), BUCKET,
                    S3ObjectSink.DEFAULT_PART_SIZE, S3ObjectSink.DEFAULT_HELD_BYTES);
        }

        @Override
        public List<String> allKeys() {
            try (S3Client s3 = S3ServerFixture.client()) {
                return s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
                        .map(S3Object::key).map(k -> k.substring(prefix.length())).toList();
            }
        }

        @Override
        public byte[] read(String key) {
            try (S3Client s3 = S3ServerFixture.client()) {
                return s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(prefix + key)).asByteArray();
            }
        }

        @Override
        public List<String> pending() {
            try (S3Client s3 = S3ServerFixture.client()) {
                return s3.listMultipartUploads(r -> r.bucket(BUCKET).prefix(prefix)).uploads().stream()
                        .map(MultipartUpload::key).map(k -> k.substring(prefix.length())).toList();
            }
        }

        /** Parts of a completed multipart upload, from its ETag ({@code "md5-N"}); 0 for a single PUT. */
        int partCount(String key) {
            try (S3Client s3 = S3ServerFixture.client()) {
                String etag = s3.headObject(r -> r.bucket(BUCKET).key(prefix + key)).eTag().replace("\"", "");
                int dash = etag.lastIndexOf('-');
                return dash < 0 ? 0 : Integer.parseInt(etag.substring(dash + 1));
            }
        }
    }
}
