package io.dtaas.connect.files;

import io.dtaas.connect.jdbc.ServerFields;
import io.dtaas.connect.objectstore.ObjectSink;
import io.dtaas.connect.objectstore.StagedObject;
import io.dtaas.error.ConfigError;
import io.dtaas.error.DtaasException;
import io.dtaas.error.TransientError;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory as an {@link ObjectSink}: a key is a path below it. An object is staged in a hidden file next
 * to its target ({@code .<name>.<random>.dtaas-tmp}), flushed to disk, and moved over the target atomically
 * on publish; readers never see a partial file. Staging files left by a crashed process are removed when
 * their chunk is written again ({@link #discardAbandoned}).
 */
public final class LocalDirectorySink implements ObjectSink {

    static final String STAGING_SUFFIX = ".dtaas-tmp";
    private static final Pattern STAGING = Pattern.compile("\\.(.+)\\.\\d+" + Pattern.quote(STAGING_SUFFIX));

    private final Path root;

    public LocalDirectorySink(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public StagedObject create(String key) {
        Path target = resolve(key);
        try {
            Files.createDirectories(target.getParent());
            Path staging = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", STAGING_SUFFIX);
            try {
                return new LocalStagedFile(key, target, staging);
            } catch (IOException e) {
                Files.deleteIfExists(staging);
                throw e;
            }
        } catch (IOException e) {
            throw failure("cannot create " + target, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        for (Path file : filesUnder(prefix)) {
            String key = key(file);
            if (key.startsWith(prefix) && !file.getFileName().toString().endsWith(STAGING_SUFFIX)) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Override
    public void delete(Collection<String> keys) {
        for (String key : keys) {
            Path file = resolve(key);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw failure("cannot delete " + file, e);
            }
        }
    }

    /** Deletes staging files of keys starting with {@code prefix}: only a crashed writer leaves them. */
    @Override
    public void discardAbandoned(String prefix) {
        for (Path file : filesUnder(prefix)) {
            Matcher m = STAGING.matcher(file.getFileName().toString());
            Path parent = root.relativize(file.getParent());
            String folder = parent.toString().isEmpty() ? "" : parent.toString().replace('\\', '/') + "/";
            if (m.matches() && (folder + m.group(1)).startsWith(prefix)) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw failure("cannot delete " + file, e);
                }
            }
        }
    }

    @Override
    public String describe(String key) {
        return resolve(key).toString();
    }

    @Override
    public void close() {
        // nothing held
    }

    /** Regular files in the folder part of {@code prefix}, at any depth. */
    private List<Path> filesUnder(String prefix) {
        int slash = prefix.lastIndexOf('/');
        Path folder = slash < 0 ? root : resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files = new java.util.ArrayList<>();
        try {
            Files.walkFileTree(folder, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                    if (a.isRegularFile()) {
                        files.add(file);
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                /** Other chunks rename and delete their staging files meanwhile: a vanished entry is no error. */
                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof java.nio.file.NoSuchFileException) {
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
            return files;
        } catch (IOException e) {
            throw failure("cannot list " + folder, e);
        }
    }

    private String key(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** The path of a key, refusing keys that would leave the directory (keys come from names, not users). */
    Path resolve(String key) {
        if (key.isEmpty() || key.startsWith("/") || Stream.of(key.split("/", -1))
                .anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
            throw new IllegalArgumentException("not a relative object key: " + key);
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("object key leaves " + root + ": " + key);
        }
        return path;
    }

    static DtaasException failure(String what, IOException e) {
        if (e instanceof AccessDeniedException || e instanceof NotDirectoryException) {
            return new ConfigError(ServerFields.PATH + ".path", what + ": " + e.getClass().getSimpleName());
        }
        return new TransientError(what + ": " + e, e);
    }
}
