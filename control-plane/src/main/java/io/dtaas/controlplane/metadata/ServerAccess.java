package io.dtaas.controlplane.metadata;

import io.zonky.test.db.postgres.util.LinuxUtils;
import org.postgresql.util.PasswordUtil;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Who may connect to the embedded metadata PostgreSQL, written into its data dir before every start:
 * <ul>
 *   <li>no Unix-domain socket at all ({@code unix_socket_directories} is empty), so no {@code local} access exists
 *       for {@code trust} or {@code peer} to grant;</li>
 *   <li>TCP on loopback only ({@code listen_addresses}), and {@code pg_hba.conf} holds nothing but
 *       {@code scram-sha-256} lines: the superuser for bootstrap, the application role for its own database;</li>
 *   <li>the superuser's password, set in single-user mode (no listening server, hence no window in which the cluster
 *       of an earlier version, initialised with {@code trust}, could be entered without it).</li>
 * </ul>
 * The file is rewritten at every start, which also upgrades data dirs of earlier versions in place.
 */
final class ServerAccess {

    static final String SUPERUSER = "postgres";
    static final String APP_ROLE = "dtaas_app";

    /** Server settings passed on the command line, where they beat postgresql.conf and postgresql.auto.conf. */
    static final Map<String, String> SERVER_SETTINGS = Map.of(
            "listen_addresses", "127.0.0.1",
            "unix_socket_directories", "",
            "password_encryption", "scram-sha-256");

    private static final String HBA = """
            # pg_hba.conf of DTaaS's embedded metadata database. DTaaS rewrites this file at every start: edits are lost.
            # Password (SCRAM) over loopback TCP only; the server has no Unix socket (unix_socket_directories is empty).
            # TYPE  DATABASE  USER       ADDRESS        METHOD
            host    all       %1$s   127.0.0.1/32   scram-sha-256
            host    all       %1$s   ::1/128        scram-sha-256
            host    %3$s     %2$s  127.0.0.1/32   scram-sha-256
            host    %3$s     %2$s  ::1/128        scram-sha-256
            """;

    private ServerAccess() {
    }

    /** Replaces pg_hba.conf (atomically: a start that dies half-way never leaves a truncated file). */
    static void writeHbaFile(Path dataDir) throws IOException {
        Path target = dataDir.resolve("pg_hba.conf");
        Path temp = dataDir.resolve("pg_hba.conf.dtaas-new");
        Files.writeString(temp, HBA.formatted(SUPERUSER, APP_ROLE, EmbeddedMetadataStore.DATABASE),
                StandardCharsets.US_ASCII);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Sets the superuser's password with the server stopped, in single-user mode. Only a SCRAM verifier computed
     * here reaches PostgreSQL (and its log), never the clear-text credential itself.
     */
    static void setSuperuserPassword(Path binDir, Path dataDir, String password, Duration timeout) throws IOException {
        String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
        if (!verifier.matches("SCRAM-SHA-256\\$[0-9]+:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+")) {
            throw new IllegalStateException("unexpected SCRAM verifier format"); // it is pasted into a literal below
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // as zonky does: PostgreSQL refuses to run as root
        }
        command.addAll(List.of(binDir.resolve("postgres").toString(), "--single", "-D", dataDir.toString(), "-F",
                "-c", "listen_addresses=", "-c", "unix_socket_directories=", SUPERUSER));
        Process single = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(single.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output lost: " + e.getMessage() + ")";
            }
        });
        try (OutputStream in = single.getOutputStream()) {
            in.write(("ALTER ROLE " + SUPERUSER + " WITH PASSWORD '" + verifier + "'\n").getBytes(StandardCharsets.US_ASCII));
        }
        try {
            if (!single.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                single.destroyForcibly();
                throw new IOException("PostgreSQL in single-user mode did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            single.destroyForcibly();
            throw new IOException("interrupted while setting the superuser password", e);
        }
        String text = output.join();
        if (single.exitValue() != 0 || text.contains("ERROR:") || text.contains("FATAL:")) {
            throw new IOException("cannot set the superuser password in single-user mode (exit " + single.exitValue()
                    + "): " + text.replace(verifier, "[hidden]").strip());
        }
    }
}
