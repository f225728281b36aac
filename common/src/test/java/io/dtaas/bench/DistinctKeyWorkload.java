package io.dtaas.bench;

import io.dtaas.connect.change.ChangeEvent;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The CDC benchmark's distinct-key workload: updates of a KEYS-row table (default 1,000,000) where every change
 * hits a key no other change of the run touches (a shuffled permutation of the keys), so the applier's per-key
 * compression inside a batch never helps and every change is one row written downstream. Three phases on one live
 * stream: a burst of {@code distinct_rows} updates as fast as the source takes them (changes/s applied, from the
 * first statement until the last change is committed downstream), then SECONDS at 1,000 and at 10,000 changes/s
 * (10 and 100 keys per statement every 10 ms), each change timed from its source statement ({@code updated_at},
 * the source's clock) to the commit of the batch that applied it.
 */
final class DistinctKeyWorkload {

    static final String TABLE = "bench_keys";
    static final String TABLE_DDL = "CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, v varchar(40), n int, updated_at %s)";
    static final String HEADER = "| source | distinct-key burst (changes over " + String.format("%,d", keys()) + " rows) "
            + "| changes/s applied | p50 at 1k/s | p99 at 1k/s | p50 at 10k/s | p99 at 10k/s | achieved of 10k/s |\n"
            + "|---|---|---|---|---|---|---|---|\n";

    private static final int BURST = Integer.getInteger("distinct_rows", 200_000);
    private static final int BURST_STATEMENT = 1_000;

    private final boolean pg;
    private final String database;
    private final AtomicLong applied;
    private final int seconds;
    private final AtomicReference<List<Long>> latencies = new AtomicReference<>();
    private final long[] order;
    private int nextKey;

    DistinctKeyWorkload(boolean pg, String database, AtomicLong applied, int seconds) {
        this.pg = pg;
        this.database = database;
        this.applied = applied;
        this.seconds = seconds;
        this.order = shuffledKeys(keys());
    }

    private static int keys() {
        return Integer.getInteger("keys", 1_000_000);
    }

    /** The table's rows, identical in either database: id 1..KEYS, v 'k' || id, n 0, no update time. */
    static String fillSql(boolean pg) {
        return pg ? "INSERT INTO " + TABLE + " (id, v, n) SELECT g, 'k' || g, 0 FROM generate_series(1, " + keys() + ") g"
                : "INSERT INTO " + TABLE + " (id, v, n) SELECT seq, CONCAT('k', seq), 0 FROM seq_1_to_" + keys();
    }

    /** Called with each applied batch: times the updates of this table while a phase listens. */
    void record(List<ChangeEvent> changes, LocalDateTime now) {
        List<Long> sink = latencies.get();
        if (sink == null) {
            return;
        }
        for (ChangeEvent e : changes) {
            if (e.op() == ChangeEvent.Op.UPDATE && e.table().name().equals(TABLE)
                    && e.values().get("updated_at") instanceof LocalDateTime at) {
                sink.add(Duration.between(at, now).toNanos() / 1000);
            }
        }
    }

    /** Runs the three phases; {@code alive} throws when the stream stopped. Returns the report row. */
    String run(String label, Check alive) throws Exception {
        try (Connection c = pg ? PostgresFixture.connect(database) : MariaDbFixture.connect(database);
             Statement st = c.createStatement()) {
            long base = applied.get();
            long t0 = System.nanoTime();
            for (int done = 0; done < BURST; done += BURST_STATEMENT) {
                st.execute(update(BURST_STATEMENT));
            }
            awaitApplied(base + BURST, alive);
            long burstRate = Math.round(BURST / ((System.nanoTime() - t0) / 1e9));
            Phase slow = steady(st, 10, alive);
            Phase fast = steady(st, 100, alive);
            return "| " + label + " | " + BURST + " | " + burstRate + " | " + slow.p50 + " | " + slow.p99 + " | " + fast.p50
                    + " | " + fast.p99 + " | " + fast.achieved + " |\n";
        }
    }

    @FunctionalInterface
    interface Check {
        void check() throws Exception;
    }

    private record Phase(String p50, String p99, String achieved) {
    }

    /** {@code perTick} distinct keys every 10 ms for SECONDS, then until all of them arrived. */
    private Phase steady(Statement st, int perTick, Check alive) throws Exception {
        List<Long> sink = Collections.synchronizedList(new ArrayList<>());
        long base = applied.get();
        latencies.set(sink);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long next = start;
        long sent = 0;
        while (System.nanoTime() < end) {
            st.execute(update(perTick));
            sent += perTick;
            next += 10_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        awaitApplied(base + sent, alive);
        latencies.set(null);
        List<Long> sorted = new ArrayList<>(sink);
        Collections.sort(sorted);
        String achieved = Math.round(100 * sent / sendSeconds / (perTick * 100.0)) + "%";
        return new Phase(millis(sorted, 0.5), millis(sorted, 0.99), achieved);
    }

    private static String millis(List<Long> sorted, double quantile) {
        return sorted.isEmpty() ? "n/a" : sorted.get((int) (sorted.size() * quantile)) / 1000 + " ms";
    }

    private void awaitApplied(long target, Check alive) throws Exception {
        while (applied.get() < target) {
            alive.check();
            Thread.sleep(5);
        }
    }

    /** One statement updating the next {@code count} keys of the permutation, stamped with the source's clock. */
    private String update(int count) throws SQLException {
        if (nextKey + count > order.length) {
            throw new SQLException("the distinct-key workload ran out of keys; raise -Dkeys");
        }
        StringBuilder sql = new StringBuilder("UPDATE " + TABLE + " SET n = n + 1, updated_at = ")
                .append(pg ? "clock_timestamp() AT TIME ZONE 'UTC'" : "UTC_TIMESTAMP(6)").append(" WHERE id IN (");
        for (int i = 0; i < count; i++) {
            sql.append(i > 0 ? "," : "").append(order[nextKey++]);
        }
        return sql.append(")").toString();
    }

    private static long[] shuffledKeys(int n) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = i + 1;
        }
        Random random = new Random(19);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = keys[i];
            keys[i] = keys[j];
            keys[j] = t;
        }
        return keys;
    }
}
