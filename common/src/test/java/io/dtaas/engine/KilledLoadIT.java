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

    /**
     * A keyed table to files is read by heap pages in one snapshot; killed mid-table, then rows moved to other
     * pages (updated: their new versions go to the table's end), then run again: the second process reads every
     * chunk in its own snapshot, in the first one's file run, and the files hold exactly the source rows.
     */
    @Test
    void aKeyedTableToFilesReadByPagesResumesExactlyAfterSigkillWithRowsMoved(@TempDir Path dir) throws Exception {
        String src = "dtaas_it_kill_pages";
        PostgresFixture.freshDatabase(src);
        PostgresFixture.execute(src, "CREATE TABLE big (id bigint PRIMARY KEY, payload text) WITH (fillfactor = 100)",
                "INSERT INTO big SELECT g, repeat(md5(g::text), 2) FROM generate_series(1, 200000) g", "ANALYZE big");
        Path out = dir.resolve("out");
        Path spec = dir.resolve("spec.json");
        Path checkpoints = dir.resolve("checkpoints.tsv");
        new ObjectMapper().writeValue(spec.toFile(), Map.of(
                "task_id", 8,
                "source", Map.of("type", "postgresql", "connection_config", PostgresFixture.connectionConfig(src)),
                "destination", Map.of("type", "local_files", "connection_config",
                        Map.of("path", out.toString(), "file_format", "csv")),
                "config", Map.of("tables", List.of("big"), "chunk_rows", 5_000, "batch_size", 1_000,
                        "max_parallel_chunks", 1)));

        Process first = start(spec, checkpoints, dir.resolve("first.log"), dir);
        await().atMost(Duration.ofSeconds(120)).until(() -> lines(checkpoints) >= 3 || !first.isAlive());
        assertThat(first.isAlive()).as("the load must still be running when killed").isTrue();
        first.destroyForcibly().waitFor();
        assertThat(lines(checkpoints)).isBetween(3L, 39L);
        PostgresFixture.execute(src, "UPDATE big SET payload = 'moved ' || id WHERE id <= 20000");

        Process second = start(spec, checkpoints, dir.resolve("second.log"), dir);
        String log;
        assertThat(second.waitFor()).as(log = Files.readString(dir.resolve("second.log"))).isZero();
        List<String> written = new java.util.ArrayList<>();
        java.util.Set<String> runs = new java.util.HashSet<>();
        try (java.util.stream.Stream<Path> files = Files.walk(out)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")
                    && !p.toString().contains("/.dtaas-manifest/")).toList()) {
                runs.add(p.getFileName().toString().substring(5, 28));
                List<List<String>> records = io.dtaas.testing.FileReadBack.csv(Files.readAllBytes(p));
                records.subList(1, records.size()).forEach(r -> written.add(String.join("|", r)));
            }
        }
        List<String> source = new java.util.ArrayList<>();
        try (java.sql.Connection c = PostgresFixture.connect(src); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT id::text || '|' || payload FROM big")) {
            while (rs.next()) {
                source.add(rs.getString(1));
            }
        }
        assertThat(written).hasSize(200_000);
        assertThat(written.stream().sorted().toList()).isEqualTo(source.stream().sorted().toList());
        assertThat(runs).as("the second process continued the first one's run").hasSize(1);
        assertThat(log).contains("an earlier attempt committed read another snapshot: every chunk is read again");
        PostgresFixture.execute("postgres", "DROP DATABASE IF EXISTS " + src + " WITH (FORCE)");
    }

    private static Process start(Path spec, Path checkpoints, Path log) throws Exception {
        return start(spec, checkpoints, log, null);
    }

    /** @param filesRoot where a local-files destination may write (null: none) */
    private static Process start(Path spec, Path checkpoints, Path log, Path filesRoot) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.dtaas.engine.cli.FullLoadCli", spec.toString(), "--checkpoints", checkpoints.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        if (filesRoot != null) {
            process.environment().put(io.dtaas.connect.files.FileRoots.ENV, filesRoot.toString());
        }
        return process.start();
    }

    private static long lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
