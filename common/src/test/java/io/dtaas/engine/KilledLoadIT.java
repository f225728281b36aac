package io.dtaas.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full load in its own process, killed with SIGKILL mid-table after some chunks committed, then run again
 * from its checkpoint file: the target holds exactly the source rows, none missing, none doubled.
 */
class KilledLoadIT {

    private static final String SRC = "dtaas_it_kill_src";
    private static final String DST = "dtaas_it_kill_dst";

    @Test
    void resumesExactlyAfterSigkill(@TempDir Path dir) throws Exception {
        PostgresFixture.freshDatabase(SRC);
        PostgresFixture.freshDatabase(DST);
        PostgresFixture.execute(SRC, "CREATE TABLE big (id bigint PRIMARY KEY, payload text, amount numeric(12,2))",
                "INSERT INTO big SELECT g, repeat(md5(g::text), 8), g / 7.0 FROM generate_series(1, 400000) g");
        Path spec = dir.resolve("spec.json");
        Path checkpoints = dir.resolve("checkpoints.tsv");
        new ObjectMapper().writeValue(spec.toFile(), Map.of(
                "task_id", 7,
                "source", Map.of("type", "postgresql", "connection_config", PostgresFixture.connectionConfig(SRC)),
                "destination", Map.of("type", "postgresql", "connection_config", PostgresFixture.connectionConfig(DST)),
                "config", Map.of("tables", List.of("big"), "chunk_rows", 10_000, "batch_size", 1_000,
                        "max_parallel_chunks", 2)));

        Process first = start(spec, checkpoints, dir.resolve("first.log"));
        await().atMost(Duration.ofSeconds(120)).until(() -> lines(checkpoints) >= 3 || !first.isAlive());
        assertThat(first.isAlive()).as("the load must still be running when killed").isTrue();
        first.destroyForcibly().waitFor();
        long committedBeforeKill = lines(checkpoints);
        assertThat(committedBeforeKill).isBetween(3L, 39L);

        Process second = start(spec, checkpoints, dir.resolve("second.log"));
        assertThat(second.waitFor()).as(Files.readString(dir.resolve("second.log"))).isZero();
        assertThat(lines(checkpoints)).isEqualTo(40);
        assertThat(TableContents.postgresRowChecksums(DST, "public.big"))
                .isEqualTo(TableContents.postgresRowChecksums(SRC, "public.big"));
    }

    private static Process start(Path spec, Path checkpoints, Path log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.dtaas.engine.cli.FullLoadCli", spec.toString(), "--checkpoints", checkpoints.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static long lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
