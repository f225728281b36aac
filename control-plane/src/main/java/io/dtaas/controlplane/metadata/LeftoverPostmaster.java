package io.dtaas.controlplane.metadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Finds the embedded PostgreSQL that a killed DTaaS left running on its data dir and stops it, so that the next start
 * does not wait for a server that cannot start beside it. The server started by {@code pg_ctl} is not a child of the
 * JVM and outlives a SIGKILL; its {@code postmaster.pid} then names a live process.
 *
 * <p>A process is only ever signalled when it is provably ours: its executable is a {@code postgres} binary and its
 * working directory is this data dir (the postmaster and its backends {@code chdir} there). A pid file that names a
 * dead process, or a live process that is something else (the pid was reused), is stale: the file is removed, the
 * process left alone. Stopping escalates as {@code pg_ctl} would: fast shutdown (SIGINT), then immediate (SIGQUIT),
 * then SIGKILL for the postmaster and the backends it had.
 */
final class LeftoverPostmaster {

    /** What a start found in the data dir. */
    enum Outcome {
        /** No {@code postmaster.pid}: the last server stopped cleanly, or the data dir is new. */
        NONE,
        /** A {@code postmaster.pid} without its server (dead or foreign pid): removed. */
        STALE_PID_FILE_REMOVED,
        /** A leftover server stopped by a fast shutdown. */
        STOPPED_FAST,
        /** A leftover server that ignored the fast shutdown, stopped by an immediate one. */
        STOPPED_IMMEDIATE,
        /** A leftover server that ignored both shutdowns, killed. */
        KILLED
    }

    static final String PID_FILE = "postmaster.pid";

    private final Path dataDir;
    private final Duration fastWait;
    private final Duration immediateWait;
    private final Consumer<String> log;

    LeftoverPostmaster(Path dataDir, Duration fastWait, Duration immediateWait, Consumer<String> log) {
        this.dataDir = dataDir;
        this.fastWait = fastWait;
        this.immediateWait = immediateWait;
        this.log = log;
    }

    /** Clears the data dir of a leftover server; the server must not have been started by this process. */
    Outcome clear() throws IOException {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return Outcome.NONE;
        }
        Optional<ProcessHandle> postmaster = pidIn(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (postmaster.isEmpty() || !isOurPostgres(postmaster.get())) {
            log.accept("removing the stale " + pidFile + " (no PostgreSQL of this data dir runs under its pid)");
            Files.deleteIfExists(pidFile);
            return Outcome.STALE_PID_FILE_REMOVED;
        }
        ProcessHandle server = postmaster.get();
        List<ProcessHandle> backends = server.children().filter(this::isOurPostgres).toList();
        log.accept("a PostgreSQL left running on " + dataDir + " by an earlier DTaaS (pid " + server.pid()
                + ") is being stopped");
        Outcome outcome;
        if (signal(server, "INT", fastWait)) {
            outcome = Outcome.STOPPED_FAST;
        } else if (signal(server, "QUIT", immediateWait)) {
            outcome = Outcome.STOPPED_IMMEDIATE;
        } else {
            server.destroyForcibly();
            awaitExit(server, immediateWait);
            outcome = Outcome.KILLED;
        }
        for (ProcessHandle backend : backends) {
            // after a SIGKILL the backends notice the postmaster's death on their own; wait, then make sure
            if (!awaitExit(backend, immediateWait) && isOurPostgres(backend)) {
                backend.destroyForcibly();
                awaitExit(backend, immediateWait);
            }
        }
        if (server.isAlive()) {
            throw new IOException("the PostgreSQL left running on " + dataDir + " (pid " + server.pid()
                    + ") did not stop; stop it and start DTaaS again");
        }
        Files.deleteIfExists(pidFile); // gone after a fast or immediate shutdown, left behind by a kill
        log.accept("stopped the PostgreSQL left running on " + dataDir + " (" + outcome.name().toLowerCase() + ")");
        return outcome;
    }

    /**
     * Whether {@code process} is a PostgreSQL server process working on this data dir. Without {@code /proc}
     * (or without the right to read it) nothing can be proven, and nothing is signalled.
     */
    boolean isOurPostgres(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        try {
            String exe = Files.readSymbolicLink(proc.resolve("exe")).toString().replace(" (deleted)", "");
            Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
            return Path.of(exe).getFileName().toString().equals("postgres") && process.isAlive()
                    && Files.isSameFile(cwd, dataDir) && commandNamesDataDir(proc);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The postmaster's command line names the data dir after {@code -D}; backends keep the postmaster's. */
    private boolean commandNamesDataDir(Path proc) throws IOException {
        String[] args = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-D") && Files.isSameFile(Path.of(args[i + 1]), dataDir)) {
                return true;
            }
        }
        // a backend renames itself ("postgres: user db ..."): its parent was checked, its directory is checked
        return args.length == 1 && args[0].startsWith("postgres: ");
    }

    private static Optional<Long> pidIn(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Sends {@code signal} with the system's {@code kill} and waits for the exit; false when still alive. */
    private boolean signal(ProcessHandle process, String signal, Duration wait) throws IOException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the leftover PostgreSQL", e);
        }
        return awaitExit(process, wait);
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) throws IOException {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the leftover PostgreSQL", e);
        }
    }
}
