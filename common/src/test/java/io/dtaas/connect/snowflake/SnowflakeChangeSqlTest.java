package io.dtaas.connect.snowflake;

import io.dtaas.cdc.ChangeSinks;
import io.dtaas.connect.change.ChangeSink;
import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.Destination;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Snowflake change-data-capture SQL (stage a batch of changes, MERGE by key), checked as text: no connection. */
class SnowflakeChangeSqlTest {

    private static final TableRef TARGET = new TableRef("PUBLIC", "orders");
    private static final TableRef CHANGES = new TableRef("PUBLIC", "orders__dtaas_changes");
    private static final TableSchema SCHEMA = new TableSchema(new TableRef("public", "orders"), List.of(
            new Column("id", ColumnType.of(ColumnKind.INT64), false),
            new Column("status", ColumnType.of(ColumnKind.STRING), false),
            new Column("at", ColumnType.of(ColumnKind.TIMESTAMP_TZ), true)), List.of("id"));
    private final SnowflakeSql sql = new SnowflakeSql();
    /** A matched upsert keeps the target's value of a column the change marks left out (unchanged TOAST). */
    private static final String KEPT_STATUS = "t.\"status\" = CASE WHEN SUBSTR(s.\"_unchanged\", 2, 1) = '1'"
            + " THEN t.\"status\" ELSE s.\"status\" END";
    private static final String KEPT_AT = "t.\"at\" = CASE WHEN SUBSTR(s.\"_unchanged\", 3, 1) = '1'"
            + " THEN t.\"at\" ELSE s.\"at\" END";

    @Test
    void marksTheColumnsAnUpdateLeftOutByPosition() {
        assertThat(SnowflakeSql.unchangedFlags(SCHEMA, java.util.Set.of("at"))).isEqualTo("001");
        assertThat(SnowflakeSql.unchangedFlags(SCHEMA, java.util.Set.of("status", "at"))).isEqualTo("011");
        assertThat(SnowflakeSql.unchangedFlags(SCHEMA, java.util.Set.of())).isNull();
    }

    @Test
    void stagesChangesInATemporaryTableWithOpTimeAndOrder() {
        assertThat(sql.createChangesTable(SCHEMA, CHANGES)).isEqualTo("CREATE OR REPLACE TEMPORARY TABLE"
                + " \"PUBLIC\".\"orders__dtaas_changes\" (\"id\" BIGINT, \"status\" VARCHAR, \"at\" TIMESTAMP_TZ(6),"
                + " \"_op\" VARCHAR(1) NOT NULL, \"_source_ts\" TIMESTAMP_TZ(6), \"_position\" VARCHAR,"
                + " \"_seq\" BIGINT NOT NULL, \"_unchanged\" VARCHAR)");
        assertThat(sql.changesStagePath(TARGET, "changes-20261126T200000000Z-0011223344556677"))
                .isEqualTo("@\"PUBLIC\".%\"orders\"/dtaas/changes-20261126T200000000Z-0011223344556677");
    }

    @Test
    void putsCopiesAndRelaxesDroppedColumns() {
        assertThat(sql.putChanges(Path.of("/tmp/dtaas/changes.parquet"), TARGET, "changes-20261126T200000000Z-00aa"))
                .isEqualTo("PUT 'file:///tmp/dtaas/changes.parquet' '@\"PUBLIC\".%\"orders\"/dtaas/changes-20261126T200000000Z-00aa'"
                        + " AUTO_COMPRESS = FALSE OVERWRITE = TRUE");
        assertThat(sql.copyChanges(SCHEMA, CHANGES, TARGET, "changes-20261126T200000000Z-00aa")).isEqualTo(
                "COPY INTO \"PUBLIC\".\"orders__dtaas_changes\" (\"id\", \"status\", \"at\", \"_op\", \"_source_ts\","
                + " \"_position\", \"_seq\", \"_unchanged\") FROM (SELECT $1:\"id\"::BIGINT, $1:\"status\"::VARCHAR,"
                + " $1:\"at\"::TIMESTAMP_TZ(6), $1:\"_op\"::VARCHAR(1), $1:\"_source_ts\"::TIMESTAMP_TZ(6),"
                + " $1:\"_position\"::VARCHAR, $1:\"_seq\"::BIGINT, $1:\"_unchanged\"::VARCHAR FROM"
                + " '@\"PUBLIC\".%\"orders\"/dtaas/changes-20261126T200000000Z-00aa') FILE_FORMAT = (TYPE = PARQUET)"
                + " FORCE = TRUE PURGE = TRUE");
        assertThat(sql.dropNotNull(TARGET, SCHEMA.columns().get(1)))
                .isEqualTo("ALTER TABLE \"PUBLIC\".\"orders\" ALTER COLUMN \"status\" DROP NOT NULL");
    }

    /** Refused before any connection; the host is loopback all the same, so nothing could leave the machine. */
    @Test
    void aKeylessTableIsRefusedForSnowflakeChanges() {
        Map<String, Object> raw = new HashMap<>(Map.of("account", "acct", "user", "u", "password", "p",
                "warehouse", "WH", "database", "DB", "host", "127.0.0.1"));
        try (Destination d = new SnowflakeConnector().destination(
                ConfigValidator.validate(SnowflakeConnector.TYPE, raw, "connection_config"))) {
            TableSchema keyless = new TableSchema(SCHEMA.table(), SCHEMA.columns(), List.of());
            ChangeSink sink = ChangeSinks.of(d, Map.of(keyless.table(), keyless), Map.of(), null, t -> TARGET, false);
            assertThat(sink).isInstanceOf(SnowflakeChangeSink.class);
            assertThatThrownBy(sink::prepare).isInstanceOf(ConfigError.class)
                    .hasMessageContaining("config.tables").hasMessageContaining("has no primary key");
        }
    }

    @Test
    void mergesTheLastChangeOfEachKeyDeletingOrUpserting() {
        assertThat(sql.mergeChanges(SCHEMA, TARGET, CHANGES, null)).isEqualTo("MERGE INTO \"PUBLIC\".\"orders\" t"
                + " USING (SELECT * FROM \"PUBLIC\".\"orders__dtaas_changes\" QUALIFY ROW_NUMBER() OVER"
                + " (PARTITION BY \"id\" ORDER BY \"_seq\" DESC) = 1) s ON t.\"id\" = s.\"id\""
                + " WHEN MATCHED AND s.\"_op\" = 'D' THEN DELETE"
                + " WHEN MATCHED THEN UPDATE SET " + KEPT_STATUS + ", " + KEPT_AT
                + " WHEN NOT MATCHED AND s.\"_op\" <> 'D' THEN INSERT (\"id\", \"status\", \"at\")"
                + " VALUES (s.\"id\", s.\"status\", s.\"at\")");
    }

    @Test
    void tracksDeletesByFlaggingTheRowAndRevivesItOnUpsert() {
        assertThat(sql.mergeChanges(SCHEMA, TARGET, CHANGES, new SnowflakeSql.SoftDelete("_dtaas_deleted",
                "_dtaas_deleted_at"))).isEqualTo("MERGE INTO \"PUBLIC\".\"orders\" t"
                + " USING (SELECT * FROM \"PUBLIC\".\"orders__dtaas_changes\" QUALIFY ROW_NUMBER() OVER"
                + " (PARTITION BY \"id\" ORDER BY \"_seq\" DESC) = 1) s ON t.\"id\" = s.\"id\""
                + " WHEN MATCHED AND s.\"_op\" = 'D' THEN UPDATE SET t.\"_dtaas_deleted\" = TRUE,"
                + " t.\"_dtaas_deleted_at\" = s.\"_source_ts\""
                + " WHEN MATCHED THEN UPDATE SET " + KEPT_STATUS + ", " + KEPT_AT + ","
                + " t.\"_dtaas_deleted\" = FALSE, t.\"_dtaas_deleted_at\" = NULL"
                + " WHEN NOT MATCHED AND s.\"_op\" <> 'D' THEN INSERT (\"id\", \"status\", \"at\", \"_dtaas_deleted\","
                + " \"_dtaas_deleted_at\") VALUES (s.\"id\", s.\"status\", s.\"at\", FALSE, NULL)");
    }
}
