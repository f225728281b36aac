package io.dtaas.connect.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Opens the directories below a root one name at a time, each relative to its parent's open handle and without
 * following symbolic links ({@code openat} with {@code O_NOFOLLOW}): whatever is renamed or swapped for a link
 * meanwhile, an opened directory is a real directory reached from the root through real directories. Files are
 * then created, renamed and deleted relative to such a handle, so no write can land outside the root.
 *
 * <p>Java has no {@code mkdirat}: a missing directory is created by path, right after checking that the path
 * still leads to the parent handle, and is then opened through the handle (a race lost there fails the write).
 * Directories are created {@code rwxr-xr-x}: readable by others, writable by DTaaS only.
 */
final class NoFollowDirectories {

    static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));

    /** Thrown when a name below the root is a symbolic link or not a directory. */
    static final class NotARealDirectory extends IOException {
        NotARealDirectory(Path path, String what) {
            super(path + " " + what);
        }
    }

    private NoFollowDirectories() {
    }

    /**
     * The directory {@code names} below {@code root}, opened; created (with the root) when missing and
     * {@code create} is set, else null when missing. The caller closes it.
     */
    static SecureDirectoryStream<Path> open(Path root, List<String> names, boolean create) throws IOException {
        if (create) {
            Files.createDirectories(root, DIRECTORY_MODE);
        } else if (!Files.isDirectory(root)) {
            if (Files.exists(root)) {
                throw new NotARealDirectory(root, "is not a directory");
            }
            return null;
        }
        Path realRoot = root.toRealPath();
        SecureDirectoryStream<Path> dir = secure(Files.newDirectoryStream(realRoot), realRoot);
        Path at = realRoot;
        try {
            for (String name : names) {
                SecureDirectoryStream<Path> child = child(dir, at, name, create);
                dir.close();
                dir = child;
                if (dir == null) {
                    return null;
                }
                at = at.resolve(name);
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            if (dir != null) {
                dir.close();
            }
            throw e;
        }
    }

    /** The subdirectory {@code name} of {@code parent} (whose path is {@code parentPath}), or null when missing. */
    static SecureDirectoryStream<Path> child(SecureDirectoryStream<Path> parent, Path parentPath, String name,
                                             boolean create) throws IOException {
        Path entry = Path.of(name);
        BasicFileAttributes a = attributes(parent, entry);
        if (a == null) {
            if (!create) {
                return null;
            }
            make(parent, parentPath, name);
            a = attributes(parent, entry);
            if (a == null) {
                throw new NoSuchFileException(parentPath.resolve(name).toString(), null, "vanished right after creation");
            }
        }
        // checked first so that no FIFO or device is ever opened; the open below refuses a link swapped in since
        requireDirectory(a, parentPath.resolve(name));
        try {
            return secure(parent.newDirectoryStream(entry, LinkOption.NOFOLLOW_LINKS), parentPath.resolve(name));
        } catch (FileSystemException e) {
            BasicFileAttributes now = attributes(parent, entry);
            if (now != null) {
                requireDirectory(now, parentPath.resolve(name));
            }
            throw e;
        }
    }

    /** The entry's own attributes (a link is not followed), or null when there is no such entry. */
    static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path entry) throws IOException {
        try {
            return dir.getFileAttributeView(entry, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void make(SecureDirectoryStream<Path> parent, Path parentPath, String name) throws IOException {
        Object handle = parent.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
        Object byPath = Files.readAttributes(parentPath, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        if (handle == null || !Objects.equals(handle, byPath)) {
            throw new NotARealDirectory(parentPath, "was replaced while DTaaS was writing into it");
        }
        try {
            Files.createDirectory(parentPath.resolve(name), DIRECTORY_MODE);
        } catch (FileAlreadyExistsException e) {
            // another chunk created it meanwhile; the caller opens whatever is there without following links
        }
    }

    private static void requireDirectory(BasicFileAttributes a, Path path) throws NotARealDirectory {
        if (a.isSymbolicLink()) {
            throw new NotARealDirectory(path, "is a symbolic link; DTaaS follows no links below its roots");
        }
        if (!a.isDirectory()) {
            throw new NotARealDirectory(path, "is not a directory");
        }
    }

    private static SecureDirectoryStream<Path> secure(DirectoryStream<Path> stream, Path path) throws IOException {
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        stream.close();
        throw new IOException("this platform cannot open " + path + " without following links (no openat)");
    }
}
