package io.dtaas.controlplane.metadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/** A generated password kept in a file that only its owner can read (mode 0600). */
final class PasswordFile {

    /** What {@link #generate()} produces: base64url, so it needs no quoting anywhere. */
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{32,}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordFile() {
    }

    /** 256 random bits. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The password in {@code file}, if the file exists; an edited file with something else in it is refused. */
    static Optional<String> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!FORMAT.matcher(password).matches()) {
            throw new IOException(file + " does not hold a password DTaaS generated; delete it and DTaaS sets a new one"
                    + " at the next start");
        }
        return Optional.of(password);
    }

    /** Writes {@code password} created 0600 from the start, replacing the file atomically. */
    static void write(Path file, String password) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, password + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
