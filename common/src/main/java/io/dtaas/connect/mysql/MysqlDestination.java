package io.dtaas.connect.mysql;

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
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Loads MySQL/MariaDB with batched INSERTs (upserts for merge), in a UTC session. */
final class MysqlDestination extends JdbcDestination {

    MysqlDestination(MysqlDialect dialect, Supplier<JdbcEndpoint> endpoint) {
        super(dialect, endpoint);
    }

    @Override
    protected void prepareSession(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET time_zone = '+00:00'");
        }
    }

    @Override
    protected String columnType(ColumnType type, boolean inPrimaryKey) {
        return MysqlTypes.toMysql(type, inPrimaryKey);
    }

    @Override
    protected Object instantParameter(java.time.Instant instant) {
        return java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC); // as MysqlBatchWriter writes them
    }

    @Override
    protected String dropNotNullSql(TableRef target, Column column) {
        return "ALTER TABLE " + qualified(target) + " MODIFY COLUMN " + dialect.quote(column.name()) + " "
                + columnType(column.type(), false) + " NULL";
    }

    @Override
    protected String createSchemaSql(String schema) {
        return "CREATE DATABASE IF NOT EXISTS " + dialect.quote(schema);
    }

    /** MySQL DDL is not transactional; RENAME TABLE of two tables at once is atomic. */
    @Override
    protected List<String> swapSql(TableRef staging, TableRef target) {
        TableRef old = new TableRef(target.schema(), target.name() + "__dtaas_old");
        return List.of("DROP TABLE IF EXISTS " + qualified(old),
                "CREATE TABLE IF NOT EXISTS " + qualified(target) + " LIKE " + qualified(staging),
                "RENAME TABLE " + qualified(target) + " TO " + qualified(old) + ", " + qualified(staging) + " TO "
                        + qualified(target),
                "DROP TABLE " + qualified(old));
    }

    @Override
    protected ChunkWriter newWriter(Connection c, TableSchema source, TableRef table, Chunk chunk, WriteMode mode)
            throws SQLException {
        List<String> names = source.columns().stream().map(Column::name).toList();
        String columns = names.stream().map(dialect::quote).collect(Collectors.joining(", "));
        String marks = String.join(", ", Collections.nCopies(names.size(), "?"));
        String sql = "INSERT INTO " + qualified(table) + " (" + columns + ") VALUES (" + marks + ")";
        if (mode == WriteMode.MERGE) {
            List<String> others = names.stream().filter(n -> !source.primaryKey().contains(n)).map(dialect::quote).toList();
            String first = dialect.quote(source.primaryKey().get(0));
            sql += " ON DUPLICATE KEY UPDATE " + (others.isEmpty() ? first + " = " + first
                    : others.stream().map(q -> q + " = VALUES(" + q + ")").collect(Collectors.joining(", ")));
        }
        return new MysqlBatchWriter(dialect, c, source, sql, "writing " + table + " chunk " + (chunk.index() + 1) + "/" + chunk.count());
    }
}
