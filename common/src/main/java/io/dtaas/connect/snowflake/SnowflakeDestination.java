package io.dtaas.connect.snowflake;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.Destination;
import io.dtaas.connect.WriteMode;
import io.dtaas.connect.jdbc.JdbcDestination;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import io.dtaas.connect.jdbc.JdbcFailures;
import io.dtaas.data.Column;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/** Loads Snowflake through Parquet files on table stages (see {@link SnowflakeSql}). Verified at the SQL level only. */
final class SnowflakeDestination implements Destination {

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
            throw JdbcFailures.wrap(e, "preparing " + target);
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
            throw JdbcFailures.wrap(e, "swapping in the new " + target);
        }
    }

    @Override
    public void close() {
        // connections are opened per step
    }
}
