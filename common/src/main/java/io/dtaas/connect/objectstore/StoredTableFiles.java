package io.dtaas.connect.objectstore;

import io.dtaas.connect.RowStream;
import io.dtaas.connect.StoredFiles;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.format.RowFileReader;
import io.dtaas.format.RowFileFormat;
import io.dtaas.format.writers.RowFileReaders;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FileDestination}'s tables read back for validation: a table is the files its latest run published (as
 * listed in the folder's {@link Manifest}; foreign files and earlier APPEND runs are not the table's current copy),
 * plus any change files of change data capture.
 */
final class StoredTableFiles implements StoredFiles {

    private final ObjectSink sink;
    private final Manifest manifest;
    private final RowFileFormat format;
    private final Path scratch = Path.of(System.getProperty("java.io.tmpdir"));

    StoredTableFiles(ObjectSink sink, Manifest manifest, RowFileFormat format) {
        this.sink = sink;
        this.manifest = manifest;
        this.format = format;
    }

    @Override
    public TableFiles files(TableRef target) {
        String run = manifest.latestRun(target).orElse(null);
        return new TableFiles(run, run == null ? List.of() : manifest.runFiles(target, run), manifest.changeFiles(target));
    }

    @Override
    public RowStream read(String file, TableSchema source) {
        RowFileReader reader = RowFileReaders.open(format, source, sink.open(file), scratch, sink.describe(file));
        return new RowStream() {
            @Override
            public Batch next(int maxRows) {
                List<Object[]> rows = new ArrayList<>();
                Object[] row;
                while (rows.size() < maxRows && (row = reader.next()) != null) {
                    rows.add(row);
                }
                return rows.isEmpty() ? null : new Batch(source, rows);
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    @Override
    public String describe(String file) {
        return sink.describe(file);
    }
}
