package io.dtaas.cdc;

import io.dtaas.connect.CapturePlan;
import io.dtaas.connect.ChangeCapture;
import io.dtaas.connect.ConfigValues;

import java.util.Properties;

/**
 * Debezium engine settings for a stream: what is the same for every source here (offsets committed only when a
 * batch is applied downstream, streams starting at the current position, value modes the converters expect,
 * batch and queue sizes), then the source's own settings from its connector's {@link ChangeCapture}.
 */
public final class DebeziumProperties {

    /** How often an idle stream hears from its source (a heartbeat record). */
    static final long HEARTBEAT_MILLIS = 1_000;

    private DebeziumProperties() {
    }

    /**
     * Online copies of single tables (issue 16): signals are read from the stream's signal table in the log, and an
     * {@code execute-snapshot} signal copies tables in chunks of {@code chunkRows} with watermarks written to the same
     * table (Debezium's incremental snapshots, the DBLog algorithm): a row changed while its chunk is read is taken
     * from the log instead, so the copy and the stream together are exact.
     */
    public static void signals(Properties p, io.dtaas.data.TableRef signalTable, int chunkRows) {
        p.setProperty("signal.enabled.channels", "source");
        p.setProperty("signal.data.collection", signalTable.toString());
        p.setProperty("incremental.snapshot.chunk.size", Integer.toString(Math.max(100, Math.min(chunkRows, 10_000))));
    }

    public static Properties of(ChangeCapture capture, ConfigValues source, CapturePlan plan) {
        Properties p = new Properties();
        p.setProperty("name", plan.streamId());
        p.setProperty("topic.prefix", plan.streamId());
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", plan.offsets().toString());
        // offsets are written when a batch is committed downstream, not on a timer
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("max.batch.size", Integer.toString(plan.batchSize()));
        p.setProperty("max.queue.size", Integer.toString(Math.max(plan.batchSize() * 4, 8192)));
        p.setProperty("poll.interval.ms", Long.toString(plan.pollMillis()));
        p.setProperty("include.schema.changes", "false");
        p.setProperty("tombstones.on.delete", "false");
        // heartbeat records while idle: the stream shows it is caught up (lag from now, see StreamMetrics), and
        // PostgreSQL's slot advances while the watched tables are quiet
        p.setProperty("heartbeat.interval.ms", Long.toString(HEARTBEAT_MILLIS));
        capture.configure(p, source, plan);
        return p;
    }
}
