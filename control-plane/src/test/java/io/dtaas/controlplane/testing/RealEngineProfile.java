package io.dtaas.controlplane.testing;

import java.util.Map;

/** The main test app's metadata, with the real transfer engine instead of the scripted one. */
public class RealEngineProfile extends RealPostgresProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("dtaas.test.scripted-runner", "false");
    }
}
