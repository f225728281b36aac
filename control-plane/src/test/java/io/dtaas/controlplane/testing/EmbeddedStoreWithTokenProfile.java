package io.dtaas.controlplane.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** Standalone mode's embedded store, listening on all interfaces, hence with an API token. */
public class EmbeddedStoreWithTokenProfile implements QuarkusTestProfile {

    public static final String TOKEN = "it-token-6f1d0c9e";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.host", "0.0.0.0", "dtaas.api-token", TOKEN);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedStoreResource.class));
    }
}
