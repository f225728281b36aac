package io.dtaas.connect.files;

import io.dtaas.error.ConfigError;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The directories a {@code local_files} destination may write into: {@code DTAAS_FILES_ROOTS} (config key
 * {@code dtaas.files.roots}), absolute paths separated by {@code :}; by default {@code $DTAAS_HOME/files}.
 * Every destination directory must lie inside one of them.
 *
 * <p>A root is the operator's choice and is trusted as configured: when it is (or passes through) a symbolic
 * link, the link is followed. Below a root DTaaS follows no symbolic link at all: {@link #place} refuses a path
 * whose existing part holds one, and {@link LocalDirectorySink} opens every directory below the root without
 * following links, so a link swapped in after the connector was saved cannot lead a write outside the root.
 */
public final class FileRoots {

    /** The environment variable that lists the roots. */
    public static final String ENV = "DTAAS_FILES_ROOTS";

    private final List<Path> roots;

    private FileRoots(List<Path> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException(ENV + " must name at least one directory");
        }
        List<Path> checked = new ArrayList<>();
        for (Path root : roots) {
            if (!root.isAbsolute()) {
                throw new IllegalArgumentException(ENV + ": '" + root + "' is not an absolute path");
            }
            Path normal = root.normalize();
            if (normal.getNameCount() == 0) {
                throw new IllegalArgumentException(ENV + ": the file system root '/' cannot be a root for files");
            }
            checked.add(normal);
        }
        this.roots = List.copyOf(checked);
    }

    public static FileRoots of(Path... roots) {
        return new FileRoots(List.of(roots));
    }

    /**
     * Parses a list of absolute directories separated by {@code :} (the platform's path separator); blank
     * entries are skipped.
     *
     * @throws IllegalArgumentException for a relative path, {@code /} or an empty list
     */
    public static FileRoots parse(String spec) {
        List<Path> roots = new ArrayList<>();
        for (String entry : (spec == null ? "" : spec).split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                try {
                    roots.add(Path.of(entry.strip()));
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException(ENV + ": '" + entry + "' is not a path: " + e.getReason());
                }
            }
        }
        return new FileRoots(roots);
    }

    /**
     * The roots the services use by default, from the environment: {@code DTAAS_FILES_ROOTS}, else
     * {@code $DTAAS_HOME/files}, else {@code ~/.dtaas/files} (for tools run outside the services).
     */
    public static FileRoots fromEnvironment(Map<String, String> env) {
        String spec = env.get(ENV);
        if (spec != null && !spec.isBlank()) {
            return parse(spec);
        }
        String home = env.get("DTAAS_HOME");
        Path dataDir = home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".dtaas");
        return of(dataDir.toAbsolutePath().resolve("files"));
    }

    public List<Path> roots() {
        return roots;
    }

    /** The roots for messages, e.g. {@code [/var/lib/dtaas/files, /data/exports]}. */
    @Override
    public String toString() {
        return roots.toString();
    }

    /**
     * A directory inside a root: the root as configured and the names of the directories from it down to the
     * directory (empty for the root itself).
     */
    public record Placement(Path root, List<String> names) {

        public Placement {
            names = List.copyOf(names);
        }

        public Path path() {
            Path p = root;
            for (String name : names) {
                p = p.resolve(name);
            }
            return p;
        }
    }

    /**
     * Where {@code dir} lies: inside the first root that contains it by name, with no symbolic link below the
     * root among the parts that exist now and its real path (the deepest existing part's, symlinks resolved)
     * inside the root's real path. Parts that do not exist yet are fine (they are created on the first write).
     *
     * @param dir   an absolute, normalized path without {@code .} or {@code ..} names
     * @param field the field to name in errors, e.g. {@code connection_config.path}
     * @throws ConfigError naming {@code field} and listing the roots
     */
    public Placement place(Path dir, String field) {
        for (Path name : dir) {
            if (name.toString().equals("..") || name.toString().equals(".")) {
                throw new ConfigError(field, "must not contain '.' or '..' names");
            }
        }
        Path root = roots.stream().filter(dir::startsWith).findFirst().orElseThrow(() -> new ConfigError(field,
                dir + " is outside the directories DTaaS may write to: " + roots + " (set by " + ENV + ")"));
        List<String> names = new ArrayList<>();
        root.relativize(dir).forEach(n -> {
            if (!n.toString().isEmpty()) {
                names.add(n.toString());
            }
        });
        Placement placement = new Placement(root, names);
        requireNoLinks(placement, field);
        return placement;
    }

    /** Refuses a symbolic link among the existing directories below the root, and a real path outside it. */
    private static void requireNoLinks(Placement placement, String field) {
        Path deepest = placement.root();
        if (!Files.isDirectory(deepest)) {
            return; // nothing below a missing root exists yet; a root that is a file fails the test and the write
        }
        try {
            for (String name : placement.names()) {
                Path next = deepest.resolve(name);
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(next, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    break;
                }
                if (a.isSymbolicLink()) {
                    throw new ConfigError(field, next + " is a symbolic link; DTaaS follows no links below its root "
                            + placement.root());
                }
                deepest = next;
                if (!a.isDirectory()) {
                    break; // not a directory: the connection test and the write say so
                }
            }
            if (!deepest.toRealPath().startsWith(placement.root().toRealPath())) {
                throw new ConfigError(field, placement.path() + " resolves outside its root " + placement.root());
            }
        } catch (IOException e) {
            throw new ConfigError(field, "cannot inspect " + deepest + ": " + e.getClass().getSimpleName());
        }
    }
}
