package io.dtaas.connect.files;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.FieldSpec;
import io.dtaas.connect.jdbc.ServerFields;
import io.dtaas.connect.objectstore.FileLayout;
import io.dtaas.error.ConfigError;
import io.dtaas.connect.objectstore.FileFields;
import io.dtaas.variables.TextTemplates;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Validated settings of a local-directory destination; files are laid out under {@code path} as {@code layout}
 * says. The path must lie inside one of the {@link FileRoots}.
 *
 * @param placement where {@code path} lies in its root; for a path that still holds {@code {{variables}}}, where
 *                  its fixed part (the directories before the first variable) lies: the rendered names below it
 *                  are single path segments ({@link io.dtaas.variables.TextRenderer#renderPath})
 * @param templated whether {@code path} still holds variables (a stored setting, not yet rendered for a run)
 */
public record LocalFilesConfig(Path path, FileLayout layout, FileRoots.Placement placement, boolean templated) {

    static final String PATH_FIELD = ServerFields.PATH + ".path";

    static List<FieldSpec> fields(FileRoots roots) {
        Path first = roots.roots().getFirst();
        return List.of(
                FieldSpec.string("path", "Directory", true, "Absolute path of the directory files are written to,"
                        + " inside " + (roots.roots().size() == 1 ? first : "one of " + roots) + ", e.g. "
                        + first.resolve("exports") + " or " + first.resolve("{{run_date}}")).withTemplates(),
                FileFields.fileFormat(),
                FileFields.compression(),
                FileFields.maxRowsPerFile(),
                FileFields.partitionByLoadDate(),
                FileFields.partitionBy(),
                FileFields.fileNameTemplate());
    }

    /** @throws ConfigError naming {@code connection_config.path} when the path is malformed or outside the roots */
    public static LocalFilesConfig from(ConfigValues config, FileRoots roots) {
        String raw = config.string("path");
        if (raw.indexOf('\0') >= 0) {
            throw new ConfigError(PATH_FIELD, "must not contain NUL characters");
        }
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            throw new ConfigError(PATH_FIELD, "is not a valid path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw new ConfigError(PATH_FIELD, "must be an absolute path inside " + roots + ", e.g. "
                    + roots.roots().getFirst().resolve("exports"));
        }
        for (Path name : path) {
            if (name.toString().equals(".") || name.toString().equals("..")) {
                throw new ConfigError(PATH_FIELD, "must not contain '.' or '..' names");
            }
        }
        boolean templated = TextTemplates.mayHoldReferences(raw);
        FileRoots.Placement placement = roots.place(templated ? fixedPart(path) : path, PATH_FIELD);
        return new LocalFilesConfig(path, FileLayout.from(config, "", ServerFields.PATH), placement, templated);
    }

    /** The directories before the first name holding a {@code {{variable}}}. */
    private static Path fixedPart(Path path) {
        Path fixed = path.getRoot();
        for (Path name : path) {
            if (TextTemplates.mayHoldReferences(name.toString()) || name.toString().contains("{")) {
                break;
            }
            fixed = fixed.resolve(name);
        }
        return fixed;
    }
}
