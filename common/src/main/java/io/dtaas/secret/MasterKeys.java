package io.dtaas.secret;

import io.dtaas.error.SystemError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Where the master key comes from: {@code DTAAS_SECRET_KEY}, else a key file created once in the data dir. */
public final class MasterKeys {

    public static final String KEY_FILE = "secret.key";

    private MasterKeys() {
    }

    /**
     * @param envValue the value of DTAAS_SECRET_KEY, or null/blank to use the key file
     * @param dataDir  the data dir holding {@value #KEY_FILE}
     */
    public static SecretCipher cipher(String envValue, Path dataDir) {
        return cipher(envValue, null, dataDir);
    }

    /**
     * @param previousValue the value of DTAAS_SECRET_KEY_PREVIOUS: earlier master keys (base64, comma-separated)
     *                      still accepted for opening stored secrets while they are re-sealed; null/blank for none
     */
    public static SecretCipher cipher(String envValue, String previousValue, Path dataDir) {
        List<String> previous = previousValue == null ? List.of() : Arrays.stream(previousValue.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (envValue != null && !envValue.isBlank()) {
            return SecretCipher.fromBase64(envValue, previous);
        }
        return SecretCipher.fromBase64(readOrCreate(dataDir.resolve(KEY_FILE)), previous);
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException raced) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
            return encoded;
        } catch (IOException e) {
            throw new SystemError("cannot read or create the master key file " + file + ": " + e.getMessage(), e);
        }
    }
}
