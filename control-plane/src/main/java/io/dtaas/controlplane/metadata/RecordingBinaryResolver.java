package io.dtaas.controlplane.metadata;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * zonky's default binaries, remembering where zonky unpacks them: {@code <working dir>/PG-<md5 of the archive>}
 * (its own naming), which it does not expose. DTaaS needs the {@code postgres} binary itself for single-user mode.
 *
 * <p>Use one instance per start: zonky caches the unpacked directory per resolver instance for the life of the JVM,
 * whatever the working directory, so a fresh instance makes it read (and us see) the archive again and unpack it
 * into this data dir's own working directory.
 */
final class RecordingBinaryResolver implements PgBinaryResolver {

    private volatile MessageDigest digest;

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            digest = md5;
            return new DigestInputStream(DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware), md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("MD5 is not available", e);
        }
    }

    /** The {@code bin} directory zonky unpacked into {@code workingDirectory}; valid once zonky has read the archive. */
    Path binDir(Path workingDirectory) {
        MessageDigest md5 = digest;
        if (md5 == null) {
            throw new IllegalStateException("the PostgreSQL binaries were not unpacked yet");
        }
        try {
            String hex = HexFormat.of().formatHex(((MessageDigest) md5.clone()).digest());
            return workingDirectory.resolve("PG-" + hex).resolve("bin");
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
