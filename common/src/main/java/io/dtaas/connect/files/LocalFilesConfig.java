package io.dtaas.connect.files;

import io.dtaas.connect.ConfigValues;
import io.dtaas.connect.FieldSpec;
import io.dtaas.connect.jdbc.ServerFields;
import io.dtaas.connect.objectstore.FileLayout;
import io.dtaas.error.ConfigError;
import io.dtaas.format.FileFields;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Validated settings of a local-directory destination; files are laid out under {@code path} as {@code layout} says. */
public record LocalFilesConfig(Path path, FileLayout layout) {

    static final List<FieldSpec> FIELDS = List.of(
            FieldSpec.string("path", "Directory", true, "Absolute path of the directory files are written to"
                    + ", e.g. /data/exports or /data/{{run_date}}").withTemplates(),
            FileFields.fileFormat(),
            FileFields.compression(),
            FileFields.maxRowsPerFile(),
            FileFields.partitionByLoadDate());

    public static LocalFilesConfig from(ConfigValues config) {
        String raw = config.string("path");
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            throw new ConfigError(ServerFields.PATH + ".path", "is not a valid path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw new ConfigError(ServerFields.PATH + ".path", "must be an absolute path, e.g. /data/exports");
        }
        return new LocalFilesConfig(path.normalize(), FileLayout.from(config, "", ServerFields.PATH));
    }
}
