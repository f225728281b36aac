package io.dtaas.connect.files;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.error.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFilesConnectorIT {

    private final LocalFilesConnector connector = new LocalFilesConnector();

    private CheckResult check(String path) {
        ConfigValues v = ConfigValidator.validate(LocalFilesConnector.TYPE, Map.of("path", path), "connection_config");
        connector.validate(v);
        return connector.check(v, Duration.ofSeconds(1));
    }

    @Test
    void writableDirectoryPassesAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        CheckResult result = check(dir.toString());
        assertThat(result.success()).as(result.message()).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void missingDirectoryPassesWhenItCanBeCreated(@TempDir Path dir) {
        CheckResult result = check(dir.resolve("a/b").toString());
        assertThat(result.success()).isTrue();
        assertThat(result.message()).contains("will be created");
    }

    @Test
    void aFileIsNotADirectory(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        CheckResult result = check(file.toString());
        assertThat(result.success()).isFalse();
        assertThat(result.failure()).isEqualTo(Failure.NOT_FOUND);
    }

    @Test
    void relativePathsAreRefused() {
        assertThatThrownBy(() -> check("exports")).isInstanceOf(ConfigError.class)
                .hasMessage("connection_config.path: must be an absolute path, e.g. /data/exports");
    }
}
