package io.dtaas.connect.jdbc;

import io.dtaas.connect.mysql.MysqlTypes;
import io.dtaas.connect.oracle.OracleTypes;
import io.dtaas.connect.postgres.PostgresTypes;
import io.dtaas.connect.sqlserver.SqlServerTypes;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Type mappings, as documented in docs/type-mapping.md. */
class TypeMappingTest {

    @Test
    void postgresTypesKeepTheirExactDeclarationForPostgresTargets() {
        ColumnType n = PostgresTypes.fromPostgres("numeric(38,10)");
        assertThat(n.kind()).isEqualTo(ColumnKind.DECIMAL);
        assertThat(n.precision()).isEqualTo(38);
        assertThat(n.scale()).isEqualTo(10);
        assertThat(PostgresTypes.toPostgres(n)).isEqualTo("numeric(38,10)");
        assertThat(PostgresTypes.fromPostgres("integer[]").kind()).isEqualTo(ColumnKind.ARRAY);
        // a precision inside the type's name (format_type writes it so) keeps the kind
        assertThat(PostgresTypes.fromPostgres("timestamp(6) without time zone").kind()).isEqualTo(ColumnKind.TIMESTAMP);
        assertThat(PostgresTypes.fromPostgres("timestamp(3) with time zone").kind()).isEqualTo(ColumnKind.TIMESTAMP_TZ);
        assertThat(PostgresTypes.fromPostgres("time(0) without time zone").kind()).isEqualTo(ColumnKind.TIME);
        assertThat(PostgresTypes.fromPostgres("timestamp(6) without time zone").precision()).isEqualTo(6);
        assertThat(PostgresTypes.toPostgres(PostgresTypes.fromPostgres("integer[]"))).isEqualTo("integer[]");
        assertThat(PostgresTypes.fromPostgres("timestamp with time zone").kind()).isEqualTo(ColumnKind.TIMESTAMP_TZ);
        assertThat(PostgresTypes.fromPostgres("character varying(20)").precision()).isEqualTo(20);
        assertThat(PostgresTypes.fromPostgres("inet").kind()).isEqualTo(ColumnKind.OTHER);
    }

    @Test
    void foreignTypesMapIntoPostgresByKind() {
        assertThat(PostgresTypes.toPostgres(MysqlTypes.fromMysql("bigint", "bigint(20) unsigned", 20L, 0L, null)))
                .isEqualTo("numeric(20,0)");
        assertThat(PostgresTypes.toPostgres(MysqlTypes.fromMysql("timestamp", "timestamp(6)", null, null, null)))
                .isEqualTo("timestamptz");
        assertThat(PostgresTypes.toPostgres(SqlServerTypes.fromSqlServer("nvarchar", null, null, -1))).isEqualTo("text");
        assertThat(PostgresTypes.toPostgres(SqlServerTypes.fromSqlServer("datetimeoffset", null, null, null)))
                .isEqualTo("timestamptz");
        assertThat(PostgresTypes.toPostgres(OracleTypes.fromOracle("NUMBER", 12, 0, null))).isEqualTo("bigint");
        assertThat(PostgresTypes.toPostgres(OracleTypes.fromOracle("NUMBER", null, null, null))).isEqualTo("numeric");
        assertThat(PostgresTypes.toPostgres(OracleTypes.fromOracle("DATE", null, null, null))).isEqualTo("timestamp");
    }

    @Test
    void mysqlTargetsGetPortableTypes() {
        assertThat(MysqlTypes.toMysql(PostgresTypes.fromPostgres("boolean"), false)).isEqualTo("BIT(1)");
        assertThat(MysqlTypes.toMysql(PostgresTypes.fromPostgres("text"), true)).isEqualTo("VARCHAR(768)");
        assertThat(MysqlTypes.toMysql(PostgresTypes.fromPostgres("numeric"), false)).isEqualTo("DECIMAL(65,30)");
        assertThat(MysqlTypes.toMysql(PostgresTypes.fromPostgres("timestamp with time zone"), false)).isEqualTo("DATETIME(6)");
        assertThat(MysqlTypes.toMysql(MysqlTypes.fromMysql("int", "int(10) unsigned", 10L, 0L, null), false))
                .isEqualTo("int(10) unsigned");
        assertThat(MysqlTypes.fromMysql("tinyint", "tinyint(1)", 3L, 0L, null).kind()).isEqualTo(ColumnKind.INT16);
        assertThat(MysqlTypes.fromMysql("bit", "bit(1)", 1L, null, null).kind()).isEqualTo(ColumnKind.BOOLEAN);
    }

    @Test
    void sqlServerAndOracleTypes() {
        assertThat(SqlServerTypes.fromSqlServer("money", null, null, null)).satisfies(t -> {
            assertThat(t.kind()).isEqualTo(ColumnKind.DECIMAL);
            assertThat(t.precision()).isEqualTo(19);
            assertThat(t.scale()).isEqualTo(4);
        });
        assertThat(SqlServerTypes.fromSqlServer("uniqueidentifier", null, null, null).kind()).isEqualTo(ColumnKind.UUID);
        assertThat(SqlServerTypes.fromSqlServer("bit", null, null, null).kind()).isEqualTo(ColumnKind.BOOLEAN);
        assertThat(OracleTypes.fromOracle("TIMESTAMP(6) WITH TIME ZONE", null, 6, null).kind())
                .isEqualTo(ColumnKind.TIMESTAMP_TZ);
        assertThat(OracleTypes.fromOracle("NUMBER", 5, 2, null).kind()).isEqualTo(ColumnKind.DECIMAL);
        assertThat(OracleTypes.fromOracle("NUMBER", 30, 0, null).kind()).isEqualTo(ColumnKind.DECIMAL);
        assertThat(OracleTypes.fromOracle("INTERVAL DAY(2) TO SECOND(6)", null, null, null).kind())
                .isEqualTo(ColumnKind.INTERVAL);
    }
}
