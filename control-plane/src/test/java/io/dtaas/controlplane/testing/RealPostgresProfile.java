package io.dtaas.controlplane.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** The main test app: metadata in the machine's PostgreSQL (the DATABASE_URL path). */
public class RealPostgresProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MetadataPostgresResource.class));
    }
}
