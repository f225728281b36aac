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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encrypts stored secrets with AES-256-GCM under the master key. A token reads
 * {@code v1:<key id>:<base64(nonce | ciphertext+tag)>}; the key id (first 8 hex digits of the key's SHA-256)
 * tells which master key sealed it, so a wrong key fails with a clear message instead of garbage.
 *
 * <p>Rotation: a cipher seals with its current key and opens tokens sealed under the current key or any of its
 * previous keys ({@code DTAAS_SECRET_KEY_PREVIOUS}); {@link #reseal} moves a token to the current key.
 */
public final class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AAD = "dtaas-secret".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final String keyId;
    /** Every key this cipher opens tokens with, by key id: the current one first. */
    private final Map<String, SecretKeySpec> readable;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] keyBytes) {
        this(keyBytes, List.of());
    }

    /** @param previousKeys keys that sealed tokens before the current one; only ever used to open them */
    public SecretCipher(byte[] keyBytes, List<byte[]> previousKeys) {
        this.key = spec(keyBytes, "DTAAS_SECRET_KEY");
        this.keyId = keyId(keyBytes);
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        keys.put(keyId, key);
        for (byte[] previous : previousKeys) {
            keys.putIfAbsent(keyId(previous), spec(previous, "DTAAS_SECRET_KEY_PREVIOUS"));
        }
        this.readable = Map.copyOf(keys);
    }

    /** @param base64 the master key as base64 (44 characters for 32 bytes) */
    public static SecretCipher fromBase64(String base64) {
        return fromBase64(base64, List.of());
    }

    /**
     * @param base64         the current master key
     * @param previousBase64 earlier master keys, still accepted for opening tokens
     */
    public static SecretCipher fromBase64(String base64, List<String> previousBase64) {
        List<byte[]> previous = new ArrayList<>();
        for (String p : previousBase64) {
            previous.add(decode(p, "DTAAS_SECRET_KEY_PREVIOUS"));
        }
        return new SecretCipher(decode(base64, "DTAAS_SECRET_KEY"), previous);
    }

    public String keyId() {
        return keyId;
    }

    /** Ids of the previous keys this cipher still opens tokens with (not the current one). */
    public List<String> previousKeyIds() {
        return readable.keySet().stream().filter(id -> !id.equals(keyId)).sorted().toList();
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
        String[] parts = split(token);
        SecretKeySpec opening = readable.get(parts[1]);
        if (opening == null) {
            throw new SystemError("stored secrets were encrypted with master key " + parts[1]
                    + " but the current master key is " + keyId + (readable.size() > 1
                    ? " (previous keys " + String.join(", ", previousKeyIds()) + ")" : "")
                    + "; restore the original DTAAS_SECRET_KEY or key file, or list it in DTAAS_SECRET_KEY_PREVIOUS", null);
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, opening, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(AAD);
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SystemError("a stored secret failed its integrity check (tampered or corrupt)", null);
        }
    }

    /** Whether {@code token} is sealed under the current key (a malformed token is not). */
    public boolean isCurrent(String token) {
        String[] parts = token.split(":", 3);
        return parts.length == 3 && PREFIX.equals(parts[0] + ":") && keyId.equals(parts[1]);
    }

    /** The key id a token names, without opening it. */
    public static String keyIdOf(String token) {
        return split(token)[1];
    }

    /**
     * The same secret sealed under the current key (with a fresh nonce).
     *
     * @throws SystemError when the token's key is neither current nor previous, or the token is corrupt
     */
    public String reseal(String token) {
        return isCurrent(token) ? token : encrypt(decrypt(token));
    }

    private static String[] split(String token) {
        String[] parts = token.split(":", 3);
        if (parts.length != 3 || !PREFIX.equals(parts[0] + ":")) {
            throw new SystemError("stored secret is not in the v1 format", null);
        }
        return parts;
    }

    private static byte[] decode(String base64, String setting) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigError(setting, "is not valid base64; generate a key with: openssl rand -base64 32");
        }
    }

    private static SecretKeySpec spec(byte[] keyBytes, String setting) {
        if (keyBytes.length != 32) {
            throw new ConfigError(setting, "must be 32 bytes (base64-encoded), e.g. from: openssl rand -base64 32");
        }
        return new SecretKeySpec(keyBytes.clone(), "AES");
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
