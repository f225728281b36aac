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

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ftp://example", "http://", "http://user:pw@127.0.0.1:9000",
            "http://127.0.0.1:9000/?x=1", "http://127.0.0.1:9000/#frag", "file:///etc/passwd", "127.0.0.1:9000",
            "http://bad host:9000", "http://-bad:9000"})
    void endpointsAreHttpUrlsWithAPlainHost(String url) {
        Map<String, Object> endpoint = S3ServerFixture.connectionConfig(BUCKET);
        endpoint.put("endpoint_url", url);
        assertThatThrownBy(() -> check(endpoint)).isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("connection_config.endpoint_url:");
    }

    @Test
    void regionsAreIdsNeverHostFragments() {
        for (String region : new String[]{"evil.example.com", "us-east-1/x", "a b", "us_east_1"}) {
            Map<String, Object> config = S3ServerFixture.connectionConfig(BUCKET);
            config.put("region", region);
            assertThatThrownBy(() -> check(config)).as(region).hasMessageStartingWith("connection_config.region:");
        }
    }

    /** An endpoint that is any HTTP server: its answer's body never comes back, only status and S3 error code. */
    @Test
    void aForeignEndpointsBodyIsNeverEchoed() throws Exception {
        String body = "<Error><Code>AccessDenied</Code><Message>internal-body-7f3a</Message></Error>";
        String html = "<html><body>metadata token internal-body-7f3a</body></html>";
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/s3", exchange -> respond(exchange, 403, "application/xml", body));
        server.createContext("/html", exchange -> respond(exchange, 500, "text/html", html));
        server.createContext("/code", exchange -> respond(exchange, 404, "application/xml",
                "<Error><Code>internal-body-7f3a &amp; more</Code></Error>"));
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            CheckResult denied = check(endpointAt(base + "/s3"));
            assertThat(denied.message()).isEqualTo("S3 answered 403 AccessDenied");
            assertThat(denied.failure()).isEqualTo(Failure.PERMISSION);
            CheckResult html500 = check(endpointAt(base + "/html"));
            assertThat(html500.success()).isFalse();
            assertThat(html500.message()).doesNotContain("internal-body-7f3a").doesNotContain("metadata");
            CheckResult oddCode = check(endpointAt(base + "/code"));
            assertThat(oddCode.message()).doesNotContain("internal-body-7f3a");
        } finally {
            server.stop(0);
        }
    }

    private static Map<String, Object> endpointAt(String url) {
        Map<String, Object> config = S3ServerFixture.connectionConfig(BUCKET);
        config.put("endpoint_url", url);
        config.put("path_style", true);
        return config;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
            throws java.io.IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
