package io.dtaas.cdc;

import io.dtaas.connect.change.ChangeEvent;
import io.dtaas.job.CdcMetrics;
import io.dtaas.job.ChangeCounts;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a running stream: lag, the position gap (read by the owner), and events per second over a sliding
 * window of applied batches. Lag is counted from now: the time since the stream last was known to be caught up,
 * which is the source commit time of the newest applied change, or the moment of the last heartbeat-only batch
 * (nothing was waiting then), or the stream's start. A stalled stream (source down, destination retrying) hears
 * nothing, so its lag grows visibly. Thread-safe: the engine thread records, the run loop reads.
 */
public final class StreamMetrics {

    private static final Duration WINDOW = Duration.ofSeconds(10);

    private record Batch(Instant at, int events) {
    }

    private final Clock clock;
    private final Deque<Batch> window = new ArrayDeque<>();
    private Instant lastSourceTime;
    private Instant lastAppliedAt;
    private Instant caughtUpAt;
    private Long positionGapBytes;
    /** per table: inserts, updates, deletes applied by this execution */
    private final Map<String, ChangeCounts> changes = new HashMap<>();

    public StreamMetrics(Clock clock) {
        this.clock = clock;
        this.caughtUpAt = clock.instant();
    }

    /** A batch of heartbeats only: the stream is connected and nothing was waiting to be applied. */
    public synchronized void alive() {
        caughtUpAt = clock.instant();
    }

    /** The source commit time ({@code source.ts_ms}) of a Debezium change record, or null. */
    public static Instant sourceTime(SourceRecord record) {
        if (record.value() instanceof Struct value && value.schema().field("source") != null
                && value.getStruct("source") != null && value.getStruct("source").schema().field("ts_ms") != null) {
            Long ms = value.getStruct("source").getInt64("ts_ms");
            return ms == null ? null : Instant.ofEpochMilli(ms);
        }
        return null;
    }

    public synchronized void applied(int events, Instant newestSourceTime) {
        Instant now = clock.instant();
        lastAppliedAt = now;
        if (newestSourceTime != null) {
            lastSourceTime = newestSourceTime;
        }
        window.addLast(new Batch(now, events));
    }

    /** Counts an applied batch's changes per table and kind (the same batch {@link #applied} timed). */
    public synchronized void counted(List<ChangeEvent> batch) {
        for (ChangeEvent c : batch) {
            changes.merge(c.table().toString(), switch (c.op()) {
                case INSERT -> new ChangeCounts(1, 0, 0);
                case UPDATE -> new ChangeCounts(0, 1, 0);
                case DELETE -> new ChangeCounts(0, 0, 1);
            }, (a, b) -> a.plus(b.inserts(), b.updates(), b.deletes()));
        }
    }

    public synchronized void positionGap(Long bytes) {
        positionGapBytes = bytes;
    }

    public synchronized CdcMetrics snapshot() {
        Instant now = clock.instant();
        while (!window.isEmpty() && window.peekFirst().at().isBefore(now.minus(WINDOW))) {
            window.removeFirst();
        }
        long events = window.stream().mapToLong(Batch::events).sum();
        Instant current = lastSourceTime != null && lastSourceTime.isAfter(caughtUpAt) ? lastSourceTime : caughtUpAt;
        Double lag = Math.max(0, Duration.between(current, now).toMillis()) / 1000.0;
        return new CdcMetrics(lag, positionGapBytes, events / (double) WINDOW.toSeconds(), lastAppliedAt, changes);
    }
}
