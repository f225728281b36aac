package io.dtaas.controlplane.security;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiAccessPolicyTest {

    private static final PublicResources UI = new PublicResources(Set.of("/index.html", "/assets/index-3f2a.js"));

    @Test
    void loopbackNeedsNoToken() {
        for (String host : new String[]{"127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"}) {
            assertThat(ApiAccessPolicy.isLoopback(host)).as(host).isTrue();
            assertThat(ApiAccessPolicy.of(host, null, UI).allows("POST", "/api/connectors", null, null)).isTrue();
        }
    }

    @Test
    void anyOtherAddressRefusesToStartWithoutAToken() {
        for (String host : new String[]{"0.0.0.0", "::", "10.1.2.3", "dtaas.example.com"}) {
            assertThat(ApiAccessPolicy.isLoopback(host)).as(host).isFalse();
            assertThat(ApiAccessPolicy.startupProblem(host, null)).get().asString().contains("DTAAS_API_TOKEN");
            assertThatThrownBy(() -> ApiAccessPolicy.of(host, " ", UI)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void everythingButPublicResourcesNeedsTheToken() {
        ApiAccessPolicy policy = ApiAccessPolicy.of("0.0.0.0", "s3cret", UI);
        assertThat(policy.allows("GET", "/api/tasks", null, null)).isFalse();
        assertThat(policy.allows("GET", "/api/tasks", "Bearer s3cret", null)).isTrue();
        assertThat(policy.allows("GET", "/api/tasks", "bearer s3cret", null)).isTrue();
        assertThat(policy.allows("GET", "/api/tasks", "Bearer s3cre", null)).isFalse();
        assertThat(policy.allows("GET", "/api/tasks", null, "s3cret")).isFalse();
        assertThat(policy.allows("GET", "/ws", null, "s3cret")).isTrue();
        assertThat(policy.allows("GET", "/ws;x=1", null, "s3cret")).isFalse();
        assertThat(policy.allows("GET", "/ws", null, "nope")).isFalse();
        // deny by default: unknown paths, metrics, any spelling that is not canonical
        for (String path : new String[]{"/apix", "/q/metrics", "/api;x=1/connectors", "/api;/connectors;.", "//api/connectors",
                "/./api/connectors", "/q/health/..;/../api/connectors", "/%61pi/connectors", "/API/connectors",
                "/index.html/../api/connectors", "/q/health;x", "/assets/index-3f2a.js;", "/tasks/1/../../api/tasks"}) {
            assertThat(policy.allows("GET", path, null, null)).as(path).isFalse();
        }
        for (String path : new String[]{"/q/health", "/q/health/ready", "/", "/index.html", "/assets/index-3f2a.js", "/tasks/3",
                "/tasks/new", "/connectors/4/edit", "/browser/2", "/openapi.json", "/docs/", "/docs/swagger-ui.css"}) {
            assertThat(policy.allows("GET", path, null, null)).as(path).isTrue();
            assertThat(policy.allows("POST", path, null, null)).as("POST " + path).isFalse();
        }
    }
}
