package io.dtaas.controlplane.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiAccessPolicyTest {

    @Test
    void loopbackNeedsNoToken() {
        for (String host : new String[]{"127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"}) {
            assertThat(ApiAccessPolicy.isLoopback(host)).as(host).isTrue();
            assertThat(ApiAccessPolicy.of(host, null).allows("/api/connectors", null, null)).isTrue();
        }
    }

    @Test
    void anyOtherAddressRefusesToStartWithoutAToken() {
        for (String host : new String[]{"0.0.0.0", "::", "10.1.2.3", "dtaas.example.com"}) {
            assertThat(ApiAccessPolicy.isLoopback(host)).as(host).isFalse();
            assertThat(ApiAccessPolicy.startupProblem(host, null)).get().asString().contains("DTAAS_API_TOKEN");
            assertThatThrownBy(() -> ApiAccessPolicy.of(host, " ")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void tokenGuardsApiAndWebSocketOnly() {
        ApiAccessPolicy policy = ApiAccessPolicy.of("0.0.0.0", "s3cret");
        assertThat(policy.allows("/api/tasks", null, null)).isFalse();
        assertThat(policy.allows("/api/tasks", "Bearer s3cret", null)).isTrue();
        assertThat(policy.allows("/api/tasks", "bearer s3cret", null)).isTrue();
        assertThat(policy.allows("/api/tasks", "Bearer s3cre", null)).isFalse();
        assertThat(policy.allows("/api/tasks", null, "s3cret")).isFalse();
        assertThat(policy.allows("/ws", null, "s3cret")).isTrue();
        assertThat(policy.allows("/ws", null, "nope")).isFalse();
        assertThat(policy.allows("/q/health", null, null)).isTrue();
        assertThat(policy.allows("/index.html", null, null)).isTrue();
        assertThat(policy.allows("/apix", null, null)).isTrue();
    }
}
