package io.dtaas.connect;

import io.dtaas.data.TableRef;

import java.nio.file.Path;
import java.util.List;

/**
 * What one change stream follows and where it keeps its position (file paths are used only when the engine keeps
 * offsets and schema history in files; in distributed mode they live in Redis).
 *
 * @param streamId     names the replication slot and publication (PostgreSQL) and the engine; stable per task
 * @param offsets      file holding the committed source position; the stream resumes from it
 * @param history      file holding the schema history (MySQL/MariaDB binlog connectors need one)
 * @param batchSize    most changes applied in one destination transaction
 * @param pollMillis   how long the engine waits for more changes before handing over a smaller batch
 */
public record CapturePlan(String streamId, List<TableRef> tables, Path offsets, Path history, int batchSize,
                          long pollMillis) {
}
