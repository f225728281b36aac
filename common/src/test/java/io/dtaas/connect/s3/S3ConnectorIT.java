package io.dtaas.connect.s3;

import io.dtaas.connect.CheckResult;
import io.dtaas.connect.CheckResult.Failure;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.ConfigValues;
import io.dtaas.error.ConfigError;
import io.dtaas.testing.S3ServerFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3ConnectorIT {

    private static final String BUCKET = "dtaas-it-check";
    private final S3Connector connector = new S3Connector();

    @BeforeAll
    static void bucket() {
        S3ServerFixture.createBucket(BUCKET);
    }

    private CheckResult check(Map<String, Object> raw) {
        ConfigValues v = ConfigValidator.validate(S3Connector.TYPE, raw, "connection_config");
        connector.validate(v);
        return connector.check(v, Duration.ofSeconds(5));
    }

    @Test
    void listsTheBucketWithValidCredentials() {
        Map<String, Object> config = S3ServerFixture.connectionConfig(BUCKET);
        config.put("prefix", "exports/");
        CheckResult result = check(config);
        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message()).contains("s3://" + BUCKET + "/exports/");
    }

    @Test
    void wrongSecretIsAnAuthenticationFailure() {
        Map<String, Object> config = S3ServerFixture.connectionConfig(BUCKET);
        config.put("aws_secret_access_key", "not-the-secret");
        CheckResult result = check(config);
        assertThat(result.success()).isFalse();
        assertThat(result.failure()).as(result.message()).isEqualTo(Failure.AUTHENTICATION);
        assertThat(result.message()).doesNotContain("not-the-secret");
    }

    @Test
    void missingBucketIsNotFound() {
        CheckResult result = check(S3ServerFixture.connectionConfig("no-such-bucket-dtaas"));
        assertThat(result.failure()).as(result.message()).isEqualTo(Failure.NOT_FOUND);
    }

    @Test
    void closedPortIsUnreachable() {
        Map<String, Object> config = S3ServerFixture.connectionConfig(BUCKET);
        config.put("endpoint_url", "http://127.0.0.1:1");
        CheckResult result = check(config);
        assertThat(result.failure()).as(result.message()).isEqualTo(Failure.UNREACHABLE);
    }

    @Test
    void badBucketNamesAndEndpointsAreInputErrors() {
        Map<String, Object> config = S3ServerFixture.connectionConfig("Bad_Bucket");
        assertThatThrownBy(() -> check(config)).isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("connection_config.bucket_name:");
        Map<String, Object> endpoint = S3ServerFixture.connectionConfig(BUCKET);
        endpoint.put("endpoint_url", "ftp://example");
        assertThatThrownBy(() -> check(endpoint)).hasMessageStartingWith("connection_config.endpoint_url:");
    }
}
