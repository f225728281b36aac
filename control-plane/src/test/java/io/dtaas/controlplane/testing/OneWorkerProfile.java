package io.dtaas.controlplane.testing;

import java.util.Map;

/** The real-PostgreSQL app with a single worker thread (MAX_WORKERS=1), so a second execution must wait queued. */
public class OneWorkerProfile extends RealPostgresProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("dtaas.workers", "1");
    }
}
