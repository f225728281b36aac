package io.dtaas.system;

import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15.3: the packaged control-plane reads the seed's {@code .env} from its working directory for every documented
 * key (PORT, DATABASE_URL, MAX_WORKERS, LOG_LEVEL with the seed's CRITICAL, DEBUG), with the precedence flags >
 * environment > .env > defaults.
 */
class DotEnvConfigIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String META = "dtaas_sys_dotenv_meta";

    @Test
    void dotEnvIsReadAndFlagsAndEnvironmentWin() throws Exception {
        PostgresFixture.freshDatabase(META);
        Path dir = Files.createTempDirectory("dtaas-dotenv-");
        int dotEnvPort = AppProcess.freePort();
        Files.writeString(dir.resolve(".env"), String.join("\n",
                "# the seed's keys",
                "DATABASE_URL=postgresql://" + PostgresFixture.USER + "@127.0.0.1:" + PostgresFixture.PORT + "/" + META,
                "DEBUG=true",
                "LOG_LEVEL=CRITICAL",
                "HOST=127.0.0.1",
                "PORT=" + dotEnvPort,
                "MAX_WORKERS=3",
                "DTAAS_HOME=" + dir.resolve("home"),
                ""));
        try (AppProcess app = AppProcess.start("dotenv", jar(), List.of("-Xmx384m"), List.of("--no-browser"), Map.of(), dir)) {
            app.awaitHttpOk("http://127.0.0.1:" + dotEnvPort + "/q/health/ready", Duration.ofSeconds(90));
            ApiClient api = new ApiClient("http://127.0.0.1:" + dotEnvPort);
            assertThat(api.get("/api/dashboard/stats").body().path("workers").path("slots").asInt()).isEqualTo(3);
            api.expect(201, "/api/connectors", Map.of("name", "from dotenv", "connector_type", "source",
                    "source_type", "postgresql", "connection_config", PostgresFixture.connectionConfig("postgres")));
            assertThat(connectorNames()).contains("from dotenv"); // DATABASE_URL from .env is the metadata store
            assertThat(Files.exists(dir.resolve("home/pgdata"))).isFalse(); // so no embedded store was started
        }
        int envPort = AppProcess.freePort();
        int flagPort = AppProcess.freePort();
        try (AppProcess app = AppProcess.start("dotenv-env", jar(), List.of("-Xmx384m"), List.of("--no-browser"),
                Map.of("PORT", Integer.toString(envPort), "LOG_LEVEL", "WARNING"), dir)) {
            app.awaitHttpOk("http://127.0.0.1:" + envPort + "/q/health/ready", Duration.ofSeconds(90));
        }
        try (AppProcess app = AppProcess.start("dotenv-flag", jar(), List.of("-Xmx384m"),
                List.of("--no-browser", "--port", Integer.toString(flagPort)), Map.of("PORT", Integer.toString(envPort)), dir)) {
            app.awaitHttpOk("http://127.0.0.1:" + flagPort + "/q/health/ready", Duration.ofSeconds(90));
        }
    }

    private static Path jar() {
        return ROOT.resolve("control-plane/target/quarkus-app/quarkus-run.jar");
    }

    private static List<String> connectorNames() throws Exception {
        try (Connection c = PostgresFixture.connect(META); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM connectors")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
