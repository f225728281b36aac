package io.dtaas.controlplane.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The embedded store, listening on all interfaces (hence an API token), in distributed mode: Redis configured, under
 * a prefix of its own so no worker of another test picks up its jobs.
 */
public class EmbeddedStoreWithTokenProfile implements QuarkusTestProfile {

    public static final String TOKEN = "it-token-6f1d0c9e";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.host", "0.0.0.0", "dtaas.api-token", TOKEN,
                "quarkus.redis.hosts", "redis://127.0.0.1:6379", "dtaas.redis.url", "redis://127.0.0.1:6379",
                "dtaas.redis.prefix", "dtaas-it-token:");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedStoreResource.class));
    }
}
