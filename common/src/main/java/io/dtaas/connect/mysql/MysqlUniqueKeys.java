package io.dtaas.connect.mysql;

/**
 * The catalog query for the column a MySQL/MariaDB table without an integer primary key is split on: a NOT NULL
 * integer column (not {@code bigint unsigned}, which can exceed a signed 64-bit range) that is the only column of
 * a unique index without a prefix length. Key ranges on it are as exact and idempotent as primary-key ranges: each
 * row has exactly one value, and a retried chunk deletes its range in the target first.
 */
final class MysqlUniqueKeys {

    static final String UNIQUE_INTEGER_COLUMN = """
            SELECT s.column_name
            FROM information_schema.statistics s
            JOIN information_schema.columns c ON c.table_schema = s.table_schema AND c.table_name = s.table_name
             AND c.column_name = s.column_name
            WHERE s.table_schema = ? AND s.table_name = ? AND s.non_unique = 0 AND s.sub_part IS NULL
              AND c.is_nullable = 'NO' AND c.data_type IN ('tinyint', 'smallint', 'mediumint', 'int', 'bigint')
              AND NOT (c.data_type = 'bigint' AND c.column_type LIKE '%unsigned%')
              AND (SELECT count(*) FROM information_schema.statistics s2 WHERE s2.table_schema = s.table_schema
                   AND s2.table_name = s.table_name AND s2.index_name = s.index_name) = 1
            ORDER BY c.ordinal_position
            LIMIT 1""";

    private MysqlUniqueKeys() {
    }
}
