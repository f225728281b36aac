package io.dtaas.worker;

import io.dtaas.cluster.ClusterJson;
import io.dtaas.cluster.GatewayCalls;
import io.dtaas.cluster.GatewayReply;
import io.dtaas.cluster.GatewayRequest;
import io.dtaas.secret.SecretCipher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * During a master-key rotation a worker opens settings sealed under the new key and under a previous one
 * (DTAAS_SECRET_KEY_PREVIOUS), and nothing sealed under any other key.
 */
@QuarkusTest
@TestProfile(WorkerKeyRotationIT.Rotating.class)
class WorkerKeyRotationIT {

    private static final String NEW_KEY = key(7);
    private static final String OLD_KEY = key(8);

    public static class Rotating implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dtaas.secret-key", NEW_KEY, "dtaas.secret-key-previous", OLD_KEY);
        }
    }

    @Inject
    GatewayCalls calls;

    @Inject
    ClusterJson json;

    @Test
    void opensSettingsSealedUnderTheCurrentAndThePreviousKeyOnly() {
        String settings = json.write(Map.of("host", "127.0.0.1", "port", 5432, "database", "postgres",
                "username", "postgres", "password", "unused-with-trust"));
        for (String key : new String[]{NEW_KEY, OLD_KEY}) {
            GatewayReply reply = calls.answer(new GatewayRequest("r-" + key.hashCode(), GatewayRequest.Op.CHECK,
                    "postgresql", SecretCipher.fromBase64(key).encrypt(settings), Map.of()));
            assertThat(reply.failed()).as(reply.message()).isFalse();
            assertThat(reply.result().get("success").asBoolean()).isTrue();
        }
        GatewayReply unknown = calls.answer(new GatewayRequest("r-unknown", GatewayRequest.Op.CHECK, "postgresql",
                SecretCipher.fromBase64(key(9)).encrypt(settings), Map.of()));
        assertThat(unknown.failed()).isTrue();
        assertThat(unknown.message()).contains("DTAAS_SECRET_KEY_PREVIOUS").doesNotContain("unused-with-trust");
    }

    private static String key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }
}
