package io.dtaas.engine;

import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.job.ExecutionStatus;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several executions at once draw their chunks from the process's {@link ResourceBudget}: with 3 slots, four loads
 * asking 4 parallel chunks each never hold more than 3 chunks (nor source connections for chunk reads) at once,
 * and every target still ends equal to the source.
 */
class ConcurrentLoadsBudgetIT {

    private static final String SRC = "dtaas_it_budget_src";
    private static final int LOADS = 4;

    @AfterEach
    void restoreTheDefault() {
        ResourceBudget.configure(ResourceBudget.DEFAULT_SLOTS);
    }

    @Test
    void concurrentLoadsWaitForSlotsInsteadOfOpeningMoreConnections() throws Exception {
        PostgresFixture.freshDatabase(SRC);
        PostgresFixture.execute(SRC, "CREATE TABLE items (id bigint PRIMARY KEY, v text)",
                "INSERT INTO items SELECT g, md5(g::text) FROM generate_series(1, 30000) g");
        ResourceBudget.configure(3);
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < LOADS; i++) {
            targets.add("dtaas_it_budget_dst" + i);
            PostgresFixture.freshDatabase(targets.get(i));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong peakReaders = new AtomicLong();
        CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                peakReaders.accumulateAndGet(count("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + SRC
                        + "' AND application_name = 'dtaas' AND state = 'active' AND query ILIKE 'COPY%'"), Math::max);
            }
        });
        List<CompletableFuture<FullLoadIT.Run>> loads = new ArrayList<>();
        for (String target : targets) {
            loads.add(CompletableFuture.supplyAsync(() -> FullLoadIT.load(new PostgresConnector(),
                    PostgresFixture.connectionConfig(SRC), new PostgresConnector(), PostgresFixture.connectionConfig(target),
                    Map.of("tables", List.of("items"), "chunk_rows", 1000, "batch_size", 500, "max_parallel_chunks", 4),
                    new InMemoryCheckpointStore(), RunControl.NONE)));
        }
        for (CompletableFuture<FullLoadIT.Run> load : loads) {
            FullLoadIT.Run run = load.join();
            assertThat(run.status()).as(String.valueOf(run.last().error())).isEqualTo(ExecutionStatus.COMPLETED);
        }
        running.set(false);
        sampler.join();
        ResourceBudget.Usage usage = ResourceBudget.process().usage();
        assertThat(usage.peakInUse()).as("chunks in flight at once").isEqualTo(3);
        assertThat(usage.inUse()).isZero();
        assertThat(peakReaders.get()).as("source COPY readers at once").isLessThanOrEqualTo(3L);
        String rows = "SELECT md5(row(id, v)::text) FROM items ORDER BY 1";
        List<String> expected = query(SRC, rows);
        for (String target : targets) {
            assertThat(query(target, "SELECT md5(row(id, v)::text) FROM public.items ORDER BY 1")).isEqualTo(expected);
        }
    }

    private static long count(String sql) {
        try (Connection c = PostgresFixture.connect("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> query(String db, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = PostgresFixture.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
