package io.dtaas.connect.snowflake;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.Destination;
import io.dtaas.connect.WriteMode;
import io.dtaas.connect.jdbc.JdbcDestination;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import io.dtaas.connect.jdbc.JdbcFailures;
import io.dtaas.data.Batch;
import io.dtaas.data.Column;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Loads Snowflake through Parquet files on table stages (see {@link SnowflakeSql}). Verified at the SQL level only. */
public final class SnowflakeDestination implements Destination {

    @Override
    public java.util.Optional<io.dtaas.connect.ChangeApplication> changeApplication() {
        return java.util.Optional.of(io.dtaas.connect.ChangeApplication.STAGED_MERGE);
    }

    @Override
    public java.util.Optional<io.dtaas.connect.change.ChangeSink> changeSink(io.dtaas.connect.change.ChangeSinkSpec spec) {
        return java.util.Optional.of(new SnowflakeChangeSink(this, spec.schemas(), spec.pipelines(), spec.rebinder(),
                spec.targetOf(), spec.trackDeletes()));
    }

    private final Supplier<JdbcEndpoint> endpoint;
    private final SnowflakeSql sql = new SnowflakeSql();
    private final SnowflakeDialect dialect = new SnowflakeDialect();

    SnowflakeDestination(Supplier<JdbcEndpoint> endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void prepare(TableSchema source, TableRef target, WriteMode mode) {
        prepare(source, target, mode, false);
    }

    /** The connector's configured schema (the session's current schema). */
    @Override
    public java.util.Optional<String> defaultSchema() {
        try (java.sql.Connection c = endpoint.get().open()) {
            return java.util.Optional.ofNullable(c.getSchema());
        } catch (java.sql.SQLException e) {
            throw new io.dtaas.error.TransientError("cannot reach Snowflake to find its schema: " + e.getMessage(), null);
        }
    }

    @Override
    public void prepare(TableSchema source, TableRef target, WriteMode mode, boolean resuming) {
        if (mode == WriteMode.MERGE && !source.hasPrimaryKey()) {
            throw new ConfigError("config.write_mode", "merge upserts by primary key, and table " + source.table()
                    + " has none; use append or overwrite");
        }
        TableRef table = mode == WriteMode.OVERWRITE ? JdbcDestination.staging(target) : target;
        try (Connection c = endpoint.get().open(); Statement st = c.createStatement()) {
            if (target.schema() != null) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + dialect.quote(target.schema()));
            }
            if (mode == WriteMode.OVERWRITE && !resuming) {
                st.execute("DROP TABLE IF EXISTS " + sql.qualified(table));
            }
            Set<String> existing = existingColumns(c, table);
            if (existing.isEmpty()) {
                st.execute(sql.createTable(source, table));
            } else {
                for (Column column : source.columns()) {
                    if (!existing.contains(column.name())) {
                        st.execute(sql.addColumn(table, column));
                    }
                }
            }
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, "preparing " + target);
        }
    }

    private static Set<String> existingColumns(Connection c, TableRef table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    @Override
    public ChunkWriter open(TableSchema source, TableRef target, Chunk chunk, WriteMode mode) {
        TableRef table = mode == WriteMode.OVERWRITE ? JdbcDestination.staging(target) : target;
        return new SnowflakeChunkWriter(endpoint, sql, source, table, chunk, mode);
    }

    @Override
    public void complete(TableSchema source, TableRef target, WriteMode mode) {
        if (mode != WriteMode.OVERWRITE) {
            return;
        }
        try (Connection c = endpoint.get().open(); Statement st = c.createStatement()) {
            for (String statement : sql.swap(JdbcDestination.staging(target), target)) {
                st.execute(statement);
            }
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, "swapping in the new " + target);
        }
    }

    /**
     * Applies one batch of changes by key (change data capture): the rows (shaped by
     * {@link SnowflakeSql#changesSchema}, in source order) are written to a local Parquet file, PUT on the
     * target's stage under the batch's name, copied into a temporary table and merged in one transaction
     * ({@link SnowflakeSql#mergeChanges}). Verified at the SQL level only.
     *
     * @param softDelete the flag and time columns with {@code track_deletes}; null: deletes remove rows
     */
    public void applyChanges(TableSchema rows, TableRef target, String batchName, List<Object[]> changes,
                             SnowflakeSql.SoftDelete softDelete) {
        TableSchema staged = SnowflakeSql.changesSchema(rows);
        Path file = null;
        try {
            file = Files.createTempFile("dtaas-snowflake-changes-", ".parquet");
            try (RowFileWriter writer = new RowFileWriters(new RowFileFormat(FileFormat.PARQUET, Compression.SNAPPY),
                    ParquetOptions.DEFAULT).open(staged, Files.newOutputStream(file))) {
                writer.write(new Batch(staged, changes));
                writer.finish();
            }
            TableRef temp = new TableRef(target.schema(), target.name() + "__dtaas_changes");
            try (Connection c = endpoint.get().open(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute(sql.createChangesTable(rows, temp));
                st.execute(sql.putChanges(file, target, batchName));
                st.execute(sql.copyChanges(rows, temp, target, batchName));
                st.execute(sql.mergeChanges(rows, target, temp, softDelete));
                c.commit();
            }
        } catch (IOException e) {
            throw new SystemError("cannot write a local staging file: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, "applying " + changes.size() + " change(s) to " + target);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** Lets a column hold NULL (its source column was dropped). */
    public void dropNotNull(TableRef target, Column column) {
        try (Connection c = endpoint.get().open(); Statement st = c.createStatement()) {
            st.execute(sql.dropNotNull(target, column));
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, "making " + target + "." + column.name() + " nullable");
        }
    }

    /** Deletes every row of a target (a change stream copies the table again, issue 16). */
    public void deleteAll(TableRef target) {
        try (Connection c = endpoint.get().open(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM " + sql.qualified(target));
        } catch (SQLException e) {
            throw JdbcFailures.wrap(dialect, e, "emptying " + target + " before copying it again");
        }
    }

    @Override
    public void close() {
        // connections are opened per step
    }
}
