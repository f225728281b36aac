package io.dtaas.controlplane.metadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code psql} client, run as an attacker on this machine would: no password file, no prompt, only the
 * password given here (or none).
 */
final class Psql {

    record Result(int exit, String output) {
    }

    private Psql() {
    }

    /**
     * @param host     an address, or a directory for a Unix socket
     * @param password null to send none
     */
    static Result run(String host, int port, String user, String database, String password, String sql)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("psql", "-w", "-X", "-At", "-v", "ON_ERROR_STOP=1",
                "-h", host, "-p", Integer.toString(port), "-U", user, "-d", database, "-c", sql));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("PGPASSFILE", "/nonexistent/dtaas-test-pgpass");
        env.put("PGCONNECT_TIMEOUT", "10");
        env.put("PGSSLMODE", "disable");
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("psql did not finish: " + output);
        }
        return new Result(p.exitValue(), output);
    }
}
