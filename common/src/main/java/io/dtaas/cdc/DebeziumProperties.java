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

    private DebeziumProperties() {
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
        capture.configure(p, source, plan);
        return p;
    }
}
