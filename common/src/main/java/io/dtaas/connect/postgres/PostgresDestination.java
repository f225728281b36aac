package io.dtaas.connect.postgres;

import io.dtaas.connect.Chunk;
import io.dtaas.connect.ChunkWriter;
import io.dtaas.connect.WriteMode;
import io.dtaas.connect.jdbc.JdbcDestination;
import io.dtaas.connect.jdbc.JdbcEndpoint;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Loads PostgreSQL with COPY; merges through a temporary table and INSERT ... ON CONFLICT. */
final class PostgresDestination extends JdbcDestination {

    PostgresDestination(PostgresDialect dialect, Supplier<JdbcEndpoint> endpoint) {
        super(dialect, endpoint);
    }

    @Override
    protected String columnType(ColumnType type, boolean inPrimaryKey) {
        return PostgresTypes.toPostgres(type);
    }

    @Override
    protected String createSchemaSql(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + dialect.quote(schema);
    }

    @Override
    protected List<String> swapSql(TableRef staging, TableRef target) {
        return List.of("DROP TABLE IF EXISTS " + qualified(target),
                "ALTER TABLE " + qualified(staging) + " RENAME TO " + dialect.quote(target.name()));
    }

    @Override
    protected ChunkWriter newWriter(Connection c, TableSchema source, TableRef table, Chunk chunk, WriteMode mode)
            throws SQLException {
        String columns = source.columns().stream().map(col -> dialect.quote(col.name())).collect(Collectors.joining(", "));
        String context = "writing " + table + " chunk " + (chunk.index() + 1) + "/" + chunk.count();
        if (mode != WriteMode.MERGE) {
            return new PostgresCopyWriter(c, source, qualified(table), qualified(table), columns, null, context);
        }
        String temp = dialect.quote("dtaas_merge_" + chunk.index());
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE " + temp + " (LIKE " + qualified(table) + ") ON COMMIT DROP");
        }
        String keys = source.primaryKey().stream().map(dialect::quote).collect(Collectors.joining(", "));
        List<String> others = source.columns().stream().map(Column::name)
                .filter(n -> !source.primaryKey().contains(n)).map(dialect::quote).toList();
        String action = others.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + others.stream()
                .map(q -> q + " = EXCLUDED." + q).collect(Collectors.joining(", "));
        String merge = "INSERT INTO " + qualified(table) + " (" + columns + ") SELECT " + columns + " FROM " + temp
                + " ON CONFLICT (" + keys + ") " + action;
        return new PostgresCopyWriter(c, source, qualified(table), temp, columns, merge, context);
    }
}
