package io.dtaas.connect.files;

import io.dtaas.connect.jdbc.ServerFields;
import io.dtaas.connect.objectstore.ObjectSink;
import io.dtaas.connect.objectstore.StagedObject;
import io.dtaas.error.ConfigError;
import io.dtaas.error.DtaasException;
import io.dtaas.error.TransientError;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory inside a {@link FileRoots root} as an {@link ObjectSink}: a key is a path below it. Every
 * directory is opened from the root down without following links ({@link NoFollowDirectories}) and every file
 * is created, renamed and deleted relative to its open directory, so nothing is written or deleted outside the
 * root whatever is swapped in meanwhile.
 *
 * <p>An object is staged in a hidden file next to its target ({@code .<name>.<random>.dtaas-tmp}), flushed to
 * disk, and renamed over the target atomically on publish; readers never see a partial file. Staging files
 * left by a crashed process are removed when their chunk is written again ({@link #discardAbandoned}).
 * {@link #delete} removes regular files only: never a directory, and a link only as the link itself.
 */
public final class LocalDirectorySink implements ObjectSink {

    static final String STAGING_SUFFIX = ".dtaas-tmp";
    private static final Pattern STAGING = Pattern.compile("\\.(.+)\\.\\d+" + Pattern.quote(STAGING_SUFFIX));
    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String FIELD = ServerFields.PATH + ".path";

    private final FileRoots.Placement place;

    public LocalDirectorySink(FileRoots.Placement place) {
        this.place = place;
    }

    @Override
    public StagedObject create(String key) {
        List<String> names = names(key);
        String file = names.getLast();
        SecureDirectoryStream<Path> dir = null;
        try {
            dir = open(names.subList(0, names.size() - 1), true);
            String staging = "." + file + "." + Long.toUnsignedString(RANDOM.nextLong()) + STAGING_SUFFIX;
            SeekableByteChannel channel = dir.newByteChannel(Path.of(staging), CREATE_NEW, FILE_MODE);
            if (!(channel instanceof FileChannel fileChannel)) {
                channel.close();
                throw new IOException("no file channel for " + describe(key));
            }
            return new LocalStagedFile(key, describe(key), dir, file, staging, fileChannel);
        } catch (IOException e) {
            closeQuietly(dir);
            throw failure("cannot create " + describe(key), e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        int slash = prefix.lastIndexOf('/');
        String folder = slash < 0 ? "" : prefix.substring(0, slash + 1);
        List<String> keys = new ArrayList<>();
        try (SecureDirectoryStream<Path> dir = open(folder.isEmpty() ? List.of() : names(folder), false)) {
            if (dir != null) {
                collect(dir, place.path().resolve(folder), folder, prefix, keys);
            }
        } catch (IOException e) {
            throw failure("cannot list " + describe(folder), e);
        }
        return keys;
    }

    @Override
    public void delete(Collection<String> keys) {
        for (String key : keys) {
            List<String> names = names(key);
            try (SecureDirectoryStream<Path> dir = open(names.subList(0, names.size() - 1), false)) {
                if (dir != null) {
                    Path entry = Path.of(names.getLast());
                    BasicFileAttributes a = NoFollowDirectories.attributes(dir, entry);
                    if (a != null && a.isRegularFile()) {
                        dir.deleteFile(entry);
                    }
                }
            } catch (NoSuchFileException e) {
                // gone already
            } catch (IOException e) {
                throw failure("cannot delete " + describe(key), e);
            }
        }
    }

    /** Deletes staging files of keys starting with {@code prefix} in the prefix's folder: only a crashed writer leaves them. */
    @Override
    public void discardAbandoned(String prefix) {
        int slash = prefix.lastIndexOf('/');
        String folder = slash < 0 ? "" : prefix.substring(0, slash + 1);
        String start = prefix.substring(slash + 1);
        try (SecureDirectoryStream<Path> dir = open(folder.isEmpty() ? List.of() : names(folder), false)) {
            if (dir == null) {
                return;
            }
            List<Path> abandoned = new ArrayList<>();
            for (Path entry : dir) {
                Matcher m = STAGING.matcher(entry.getFileName().toString());
                if (m.matches() && m.group(1).startsWith(start)) {
                    abandoned.add(entry.getFileName());
                }
            }
            for (Path entry : abandoned) {
                try {
                    dir.deleteFile(entry);
                } catch (NoSuchFileException e) {
                    // removed by someone else meanwhile
                }
            }
        } catch (IOException e) {
            throw failure("cannot clean up " + describe(folder), e);
        }
    }

    /** Opens the regular file at {@code key}, its folders opened without following links (as every other access). */
    @Override
    public java.io.InputStream open(String key) {
        List<String> names = names(key);
        SecureDirectoryStream<Path> dir = null;
        try {
            dir = open(names.subList(0, names.size() - 1), false);
            Path entry = Path.of(names.getLast());
            BasicFileAttributes a = dir == null ? null : NoFollowDirectories.attributes(dir, entry);
            if (a == null || !a.isRegularFile()) {
                closeQuietly(dir);
                throw new io.dtaas.error.NotFoundError(describe(key) + " is not a regular file");
            }
            SeekableByteChannel channel = dir.newByteChannel(entry, Set.of(StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS));
            SecureDirectoryStream<Path> held = dir;
            return new java.io.FilterInputStream(java.nio.channels.Channels.newInputStream(channel)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        held.close();
                    }
                }
            };
        } catch (IOException e) {
            closeQuietly(dir);
            throw failure("cannot read " + describe(key), e);
        }
    }

    @Override
    public String describe(String key) {
        return key.isEmpty() ? place.path().toString() : place.path().resolve(key).toString();
    }

    @Override
    public void close() {
        // nothing held
    }

    private SecureDirectoryStream<Path> open(List<String> folder, boolean create) throws IOException {
        List<String> all = new ArrayList<>(place.names());
        all.addAll(folder);
        return NoFollowDirectories.open(place.root(), all, create);
    }

    /** Regular files (not staging files) below {@code dir} whose keys start with {@code prefix}, at any depth. */
    private static void collect(SecureDirectoryStream<Path> dir, Path path, String folder, String prefix,
                                List<String> keys) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path entry : dir) {
            names.add(entry.getFileName().toString());
        }
        for (String name : names) {
            BasicFileAttributes a = NoFollowDirectories.attributes(dir, Path.of(name));
            if (a == null || a.isSymbolicLink()) {
                continue; // vanished meanwhile (another chunk's staging file), or a link: never followed
            }
            String key = folder + name;
            if (a.isRegularFile() && key.startsWith(prefix) && !name.endsWith(STAGING_SUFFIX)) {
                keys.add(key);
            } else if (a.isDirectory() && ((key + "/").startsWith(prefix) || prefix.startsWith(key + "/"))) {
                try (SecureDirectoryStream<Path> child = NoFollowDirectories.child(dir, path, name, false)) {
                    if (child != null) {
                        collect(child, path.resolve(name), key + "/", prefix, keys);
                    }
                }
            }
        }
    }

    /** The names of a key, refusing keys that would leave the directory (keys come from names, not users). */
    static List<String> names(String key) {
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        List<String> names = List.of(trimmed.split("/", -1));
        if (trimmed.isEmpty() || key.startsWith("/") || names.stream().anyMatch(s -> s.isEmpty() || s.equals(".")
                || s.equals("..") || s.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("not a relative object key: " + key);
        }
        return names;
    }

    private static void closeQuietly(SecureDirectoryStream<Path> dir) {
        if (dir != null) {
            try {
                dir.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    static DtaasException failure(String what, IOException e) {
        if (e instanceof NoFollowDirectories.NotARealDirectory) {
            return new ConfigError(FIELD, what + ": " + e.getMessage());
        }
        if (e instanceof AccessDeniedException || e instanceof NotDirectoryException
                || e instanceof FileAlreadyExistsException) {
            return new ConfigError(FIELD, what + ": " + e.getClass().getSimpleName());
        }
        if (e instanceof FileSystemException f && f.getReason() != null && f.getReason().contains("symbolic link")) {
            return new ConfigError(FIELD, what + ": a symbolic link was found where DTaaS follows none");
        }
        return new TransientError(what + ": " + e, e);
    }
}
