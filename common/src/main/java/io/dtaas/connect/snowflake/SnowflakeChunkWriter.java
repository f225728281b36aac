package io.dtaas.connect.snowflake;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.WriteMode;
import io.dtaas.connect.jdbc.ChunkQuery;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import io.dtaas.connect.jdbc.JdbcFailures;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.SystemError;
import io.dtaas.format.Compression;
import io.dtaas.format.FileFormat;
import io.dtaas.format.ParquetOptions;
import io.dtaas.format.RowFileFormat;
import io.dtaas.format.RowFileWriter;
import io.dtaas.format.writers.RowFileWriters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * One chunk into Snowflake: rows stream into a local Parquet file; at commit the file is PUT on the table
 * stage and, in one transaction, the chunk's earlier rows are deleted and the file is copied in (or merged
 * through a temporary table). Verified at the SQL level only.
 */
final class SnowflakeChunkWriter implements ChunkWriter {

    private final Supplier<JdbcEndpoint> endpoint;
    private final SnowflakeSql sql;
    private final TableSchema source;
    private final TableRef table;
    private final Chunk chunk;
    private final WriteMode mode;
    private final Path file;
    private final RowFileWriter writer;

    SnowflakeChunkWriter(Supplier<JdbcEndpoint> endpoint, SnowflakeSql sql, TableSchema source, TableRef table,
                         Chunk chunk, WriteMode mode) {
        this.endpoint = endpoint;
        this.sql = sql;
        this.source = source;
        this.table = table;
        this.chunk = chunk;
        this.mode = mode;
        try {
            this.file = Files.createTempFile("dtaas-snowflake-", ".parquet");
            this.writer = new RowFileWriters(new RowFileFormat(FileFormat.PARQUET, Compression.SNAPPY), ParquetOptions.DEFAULT)
                    .open(source, Files.newOutputStream(file));
        } catch (IOException e) {
            throw new SystemError("cannot create a local staging file: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(Batch batch) {
        writer.write(batch);
    }

    @Override
    public void commit() {
        writer.finish();
        try (Connection c = endpoint.get().open(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            if (mode == WriteMode.MERGE) {
                TableRef temp = new TableRef(table.schema(), table.name() + "__dtaas_merge_" + chunk.index());
                st.execute(sql.createTempLike(temp, table));
                st.execute(sql.put(file, table, chunk));
                st.execute(sql.copyInto(source, temp, table, chunk));
                st.execute(sql.merge(source, table, temp));
            } else {
                st.execute(sql.put(file, table, chunk));
                ChunkQuery delete = sql.deleteRange(table, chunk);
                try (PreparedStatement ps = c.prepareStatement(delete.sql())) {
                    for (int i = 0; i < delete.params().size(); i++) {
                        ps.setLong(i + 1, delete.params().get(i));
                    }
                    ps.executeUpdate();
                }
                st.execute(sql.copyInto(source, table, table, chunk));
            }
            c.commit();
        } catch (SQLException e) {
            throw JdbcFailures.wrap(e, "loading " + table + " chunk " + (chunk.index() + 1) + "/" + chunk.count());
        }
    }

    @Override
    public long bytesWritten() {
        return writer.bytesWritten();
    }

    @Override
    public void close() {
        writer.close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
