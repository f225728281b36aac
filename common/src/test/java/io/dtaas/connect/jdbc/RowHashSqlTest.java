package io.dtaas.connect.jdbc;

import io.dtaas.connect.ChunkBounds;
import io.dtaas.connect.mysql.MysqlDialect;
import io.dtaas.connect.mysql.MysqlRowHash;
import io.dtaas.connect.postgres.PostgresDialect;
import io.dtaas.connect.postgres.PostgresRowHash;
import io.dtaas.connect.snowflake.SnowflakeDialect;
import io.dtaas.connect.snowflake.SnowflakeRowHash;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The validation checksum SQL per database (docs/validation.md): identifiers quoted, key bounds as parameters, NULL
 * kept apart from every value, and Snowflake's SQL (never run here: tests do not connect to Snowflake).
 */
class RowHashSqlTest {

    private static final TableSchema TABLE = new TableSchema(new TableRef("sales", "Order \"Lines\""), List.of(
            new Column("id", ColumnType.of(ColumnKind.INT64), false),
            new Column("paid at", ColumnType.of(ColumnKind.TIMESTAMP_TZ), true),
            new Column("amount", ColumnType.decimal(38, 10), true),
            new Column("ok", ColumnType.of(ColumnKind.BOOLEAN), true)), List.of("id"));
    private static final ChunkBounds.KeyRange RANGE = new ChunkBounds.KeyRange("id", 100L, 200L);
    private static final List<String> COLUMNS = List.of("id", "paid at", "amount", "ok");

    @Test
    void snowflakeChecksumsARangeWithItsOwnFunctions() {
        ChunkQuery q = JdbcTableDigests.digestQuery(new SnowflakeDialect(), new SnowflakeRowHash(), TABLE, COLUMNS, RANGE);
        assertThat(q.sql()).startsWith("SELECT COUNT(*), COALESCE(SUM(TO_NUMBER(SUBSTR(MD5(CONCAT_WS(','")
                .contains("CASE WHEN \"paid at\" IS NULL THEN 'n' ELSE MD5(TO_CHAR(CONVERT_TIMEZONE('UTC', \"paid at\")"
                        + "::TIMESTAMP_NTZ, 'YYYY-MM-DD HH24:MI:SS.FF6')) END")
                .contains("IFF(\"ok\", '1', '0')")
                .contains("RTRIM(RTRIM(TO_VARCHAR(\"amount\"), '0'), '.')")
                .contains("'XXXXXXXXXXXXXXX')), 0) FROM \"sales\".\"Order \"\"Lines\"\"\"")
                .endsWith("WHERE \"id\" >= ? AND \"id\" < ?");
        assertThat(q.params()).containsExactly(100L, 200L);
    }

    @Test
    void postgresAndMariaDbUseExactSumsOf60BitHashes() {
        ChunkQuery pg = JdbcTableDigests.digestQuery(new PostgresDialect(), new PostgresRowHash(), TABLE, COLUMNS, null);
        assertThat(pg.sql()).contains("SUM(('x' || substr(MD5(CONCAT_WS(','", "::bit(60)::bigint)")
                .contains("to_char(\"paid at\" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')")
                .contains("trim_scale(\"amount\")::text")
                .doesNotContain("WHERE");
        assertThat(pg.params()).isEmpty();
        ChunkQuery my = JdbcTableDigests.digestQuery(new MysqlDialect(), new MysqlRowHash(), TABLE, COLUMNS,
                new ChunkBounds.KeyRange("id", null, 50L));
        assertThat(my.sql()).contains("SUM(CAST(CONV(SUBSTR(MD5(CONCAT_WS(','", "16, 10) AS UNSIGNED)), 0)")
                .contains("DATE_FORMAT(`paid at`, '%Y-%m-%d %H:%i:%s.%f')")
                .endsWith("FROM `sales`.`Order \"Lines\"` WHERE `id` < ?");
        assertThat(my.params()).containsExactly(50L);
    }

    @Test
    void aColumnMissingOnOneEndIsNamed() {
        assertThatThrownBy(() -> JdbcTableDigests.digestQuery(new PostgresDialect(), new PostgresRowHash(), TABLE,
                List.of("id", "gone"), null)).isInstanceOf(ConfigError.class).hasMessageContaining("gone");
    }
}
