package io.dtaas.secret;

import io.dtaas.error.ConfigError;
import io.dtaas.error.SystemError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void roundTripsAndNeverRepeatsCiphertext() {
        SecretCipher cipher = SecretCipher.fromBase64(KEY);
        String a = cipher.encrypt("SecurePassword123!");
        String b = cipher.encrypt("SecurePassword123!");
        assertThat(a).startsWith("v1:" + cipher.keyId() + ":").doesNotContain("SecurePassword");
        assertThat(a).isNotEqualTo(b);
        assertThat(cipher.decrypt(a)).isEqualTo("SecurePassword123!");
    }

    @Test
    void detectsTamperingAndWrongKeys() {
        SecretCipher cipher = SecretCipher.fromBase64(KEY);
        String token = cipher.encrypt("pw");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(SystemError.class)
                .hasMessageContaining("integrity");
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> new SecretCipher(other).decrypt(token)).isInstanceOf(SystemError.class)
                .hasMessageContaining("encrypted with master key " + cipher.keyId());
    }

    @Test
    void createsTheKeyFileOnceWithOwnerOnlyPermissions(@TempDir Path dir) throws Exception {
        SecretCipher first = MasterKeys.cipher(null, dir);
        SecretCipher second = MasterKeys.cipher("", dir);
        Path file = dir.resolve(MasterKeys.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(second.decrypt(first.encrypt("x"))).isEqualTo("x");
        assertThat(MasterKeys.cipher(KEY, dir).keyId()).isNotEqualTo(first.keyId());
    }

    @Test
    void rejectsMalformedKeysClearly() {
        assertThatThrownBy(() -> SecretCipher.fromBase64("not base64!")).isInstanceOf(ConfigError.class)
                .hasMessageContaining("DTAAS_SECRET_KEY");
        assertThatThrownBy(() -> SecretCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("must be 32 bytes");
    }

    @Test
    void rotationOpensTokensOfPreviousKeysAndResealsThemUnderTheNewOne(@TempDir Path dir) {
        String oldKey = Base64.getEncoder().encodeToString(key(1));
        String newKey = Base64.getEncoder().encodeToString(key(2));
        SecretCipher before = SecretCipher.fromBase64(oldKey);
        String sealedBefore = before.encrypt("pw-from-last-year");

        SecretCipher rotated = MasterKeys.cipher(newKey, " " + Base64.getEncoder().encodeToString(key(3)) + " ,"
                + oldKey + ",", dir);
        assertThat(rotated.keyId()).isNotEqualTo(before.keyId());
        assertThat(rotated.previousKeyIds()).contains(before.keyId()).hasSize(2);
        assertThat(rotated.isCurrent(sealedBefore)).isFalse();
        assertThat(rotated.decrypt(sealedBefore)).isEqualTo("pw-from-last-year");
        String resealed = rotated.reseal(sealedBefore);
        assertThat(resealed).startsWith("v1:" + rotated.keyId() + ":");
        assertThat(rotated.isCurrent(resealed)).isTrue();
        assertThat(rotated.reseal(resealed)).isSameAs(resealed);
        assertThat(SecretCipher.fromBase64(newKey).decrypt(resealed)).isEqualTo("pw-from-last-year");
        assertThatThrownBy(() -> SecretCipher.fromBase64(newKey).decrypt(sealedBefore)).isInstanceOf(SystemError.class)
                .hasMessageContaining("DTAAS_SECRET_KEY_PREVIOUS");
        assertThat(SecretCipher.keyIdOf(sealedBefore)).isEqualTo(before.keyId());
    }

    @Test
    void malformedPreviousKeysAreNamedAsSuch(@TempDir Path dir) {
        assertThatThrownBy(() -> MasterKeys.cipher(KEY, "not base64!", dir)).isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("DTAAS_SECRET_KEY_PREVIOUS:");
        assertThatThrownBy(() -> MasterKeys.cipher(KEY, Base64.getEncoder().encodeToString(new byte[8]), dir))
                .hasMessageStartingWith("DTAAS_SECRET_KEY_PREVIOUS:");
    }

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) seed);
        return k;
    }
}
