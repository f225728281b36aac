package io.dtaas.secret;

import io.dtaas.error.ConfigError;
import io.dtaas.error.SystemError;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Encrypts stored secrets with AES-256-GCM under the master key. A token reads
 * {@code v1:<key id>:<base64(nonce | ciphertext+tag)>}; the key id (first 8 hex digits of the key's SHA-256)
 * tells which master key sealed it, so a wrong key fails with a clear message instead of garbage.
 */
public final class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AAD = "dtaas-secret".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] keyBytes) {
        if (keyBytes.length != 32) {
            throw new ConfigError("DTAAS_SECRET_KEY", "must be 32 bytes (base64-encoded), e.g. from: openssl rand -base64 32");
        }
        this.key = new SecretKeySpec(keyBytes.clone(), "AES");
        this.keyId = keyId(keyBytes);
    }

    /** @param base64 the master key as base64 (44 characters for 32 bytes) */
    public static SecretCipher fromBase64(String base64) {
        try {
            return new SecretCipher(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new ConfigError("DTAAS_SECRET_KEY", "is not valid base64; generate one with: openssl rand -base64 32");
        }
    }

    public String keyId() {
        return keyId;
    }

    public String encrypt(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(AAD);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new SystemError("cannot encrypt a secret", e);
        }
    }

    public String decrypt(String token) {
        String[] parts = token.split(":", 3);
        if (parts.length != 3 || !PREFIX.equals(parts[0] + ":")) {
            throw new SystemError("stored secret is not in the v1 format", null);
        }
        if (!parts[1].equals(keyId)) {
            throw new SystemError("stored secrets were encrypted with master key " + parts[1]
                    + " but the current master key is " + keyId + "; restore the original DTAAS_SECRET_KEY or key file", null);
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(AAD);
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SystemError("a stored secret failed its integrity check (tampered or corrupt)", null);
        }
    }

    private static String keyId(byte[] keyBytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new SystemError("SHA-256 is not available", e);
        }
    }
}
