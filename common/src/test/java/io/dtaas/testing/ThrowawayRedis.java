package io.dtaas.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis server of its own for tests that restart, empty or kill it. By default it keeps nothing on disk, so
 * a restart comes back empty; {@link #startPersistent()} keeps an append-only file that survives restarts.
 */
public final class ThrowawayRedis implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final List<String> command;
    private Process process;

    private ThrowawayRedis(Path dir, int port, List<String> command) {
        this.dir = dir;
        this.port = port;
        this.command = command;
    }

    /** No persistence: every restart comes back empty. */
    public static ThrowawayRedis launch() throws IOException {
        return launch(false);
    }

    /** Append-only file with fsync every second: a restart keeps the data. */
    public static ThrowawayRedis launchPersistent() throws IOException {
        return launch(true);
    }

    private static ThrowawayRedis launch(boolean persistent) throws IOException {
        Path dir = Files.createTempDirectory("dtaas-redis-");
        int port = Servers.freePort();
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--daemonize", "no", "--logfile", dir.resolve("server.log").toString()));
        cmd.addAll(persistent ? List.of("--appendonly", "yes", "--appendfsync", "everysec") : List.of("--appendonly", "no"));
        ThrowawayRedis redis = new ThrowawayRedis(dir, port, cmd);
        redis.start0();
        return redis;
    }

    private void start0() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Servers.awaitPortOpen(port, Duration.ofSeconds(30), process, dir.resolve("server.log"));
    }

    /** Starts again after {@link #stop()} or {@link #kill()}. */
    public void restart() throws IOException {
        if (process != null && process.isAlive()) {
            stop();
        }
        start0();
    }

    /** SIGTERM (Redis saves nothing in the non-persistent mode, so the next start is empty). */
    public void stop() throws IOException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.onExit().join();
        }
        Servers.awaitPortClosed(port, Duration.ofSeconds(30));
    }

    public void kill() throws IOException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.onExit().join();
        }
        Servers.awaitPortClosed(port, Duration.ofSeconds(30));
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        kill();
        Servers.deleteTree(dir);
    }
}
