package io.dtaas.controlplane.launch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the data dir ({@code DTAAS_HOME}) private to the OS user running DTaaS: nothing in it may be written by
 * other users (they could swap the PostgreSQL binaries, the database files or the key), and the files that hold keys
 * and passwords, the PostgreSQL data dir and its binaries are readable by the owner only. Checked and repaired at
 * every start; each repair is reported so the operator learns that the directory had been opened up.
 *
 * <p>Works on the numeric {@code unix:mode} so that set-id and sticky bits are seen; symbolic links are neither
 * followed nor changed (a link out of the data dir does not make its target ours to repair).
 */
public final class DataDirPermissions {

    private static final int GROUP_OTHER_WRITE = 0022;
    private static final int GROUP_OTHER_ALL = 0077;
    private static final int STICKY = 01000;

    private DataDirPermissions() {
    }

    /**
     * Repairs {@code home} and everything under it. Paths in {@code ownerOnly} (relative to home; missing ones are
     * skipped) lose every group and other bit; everything else loses group and other write.
     *
     * @return one line per repair or per path that could not be repaired, for the start-up log
     */
    public static List<String> secure(Path home, Set<Path> ownerOnly) throws IOException {
        List<String> report = new ArrayList<>();
        if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
            return report;
        }
        Set<Path> privatePaths = ownerOnly.stream().map(p -> home.resolve(p).normalize()).collect(
                java.util.stream.Collectors.toSet());
        Files.walkFileTree(home, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(home) && isSharedDirectory(dir)) {
                    report.add(dir + " is a shared directory (world-writable with the sticky bit): left as it is;"
                            + " set DTAAS_HOME to a directory of its own");
                    return FileVisitResult.CONTINUE;
                }
                repair(dir, privatePaths.contains(dir.normalize()) ? GROUP_OTHER_ALL : GROUP_OTHER_WRITE, report);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isSymbolicLink()) {
                    repair(file, privatePaths.contains(file.normalize()) ? GROUP_OTHER_ALL : GROUP_OTHER_WRITE, report);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                report.add("cannot check " + file + ": " + e.getMessage());
                return FileVisitResult.CONTINUE;
            }
        });
        return report;
    }

    /** Makes {@code path} accessible to its owner only (0700 for a directory, 0600 for a key file). */
    public static void restrictToOwner(Path path) throws IOException {
        int mode = mode(path);
        if ((mode & GROUP_OTHER_ALL) != 0) {
            Files.setAttribute(path, "unix:mode", (mode & 07777) & ~GROUP_OTHER_ALL, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Creates {@code dir} (and missing parents) accessible to its owner only, or restricts an existing one. */
    public static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        restrictToOwner(dir);
    }

    /** The permission bits as {@code ls -l} shows them, e.g. {@code rw-------}. */
    public static String describe(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static void repair(Path path, int forbidden, List<String> report) {
        try {
            int mode = mode(path);
            if ((mode & forbidden) == 0) {
                return;
            }
            String before = describe(path);
            Files.setAttribute(path, "unix:mode", (mode & 07777) & ~forbidden, LinkOption.NOFOLLOW_LINKS);
            report.add("tightened permissions of " + path + ": " + before + " -> " + describe(path));
        } catch (IOException | SecurityException e) {
            report.add("cannot tighten permissions of " + path + " (" + e.getMessage() + "): other users may change it");
        }
    }

    private static boolean isSharedDirectory(Path dir) {
        try {
            int mode = mode(dir);
            return (mode & STICKY) != 0 && (mode & 0002) != 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }
}
