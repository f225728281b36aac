package io.dtaas.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LaunchEnvironmentTest {

    @Test
    void readsTheSeedsDotEnvWithEnvironmentWinning(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), """
                # Database
                DATABASE_URL=postgresql://user:pass@localhost:5432/dtaas
                REDIS_URL=redis://localhost:6379/0
                DEBUG=false
                LOG_LEVEL=INFO   # the seed's levels
                export HOST="0.0.0.0"
                PORT='8000'
                not an assignment
                9BAD=x
                MAX_WORKERS=10
                """);
        LaunchEnvironment env = LaunchEnvironment.load(Map.of("PORT", "9100", "MAX_WORKERS", ""), dir);
        assertThat(env.get("DATABASE_URL")).contains("postgresql://user:pass@localhost:5432/dtaas");
        assertThat(env.get("LOG_LEVEL")).contains("INFO");
        assertThat(env.get("HOST")).contains("0.0.0.0");
        assertThat(env.get("PORT")).contains("9100");
        assertThat(env.fromDotEnv("PORT")).isFalse();
        assertThat(env.fromDotEnv("REDIS_URL")).isTrue();
        assertThat(env.get("MAX_WORKERS")).contains("");
        assertThat(env.nonBlank("MAX_WORKERS")).isEmpty();
        assertThat(env.get("9BAD")).isEmpty();
        assertThat(LaunchEnvironment.load(Map.of(), dir.resolve("nowhere")).get("PORT")).isEmpty();
    }
}
