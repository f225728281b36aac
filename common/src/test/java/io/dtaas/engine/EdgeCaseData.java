package io.dtaas.engine;

import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;

/**
 * The edge-case tables full-load tests move: every common column type with NULLs, special floats,
 * numeric(38,10), dates far from 1970, time zones, intervals, UUIDs, JSON, binary, arrays, a 1 MB text,
 * emoji and CJK, CSV-hostile characters, odd identifiers, composite keys, tables without a key, empty tables.
 */
public final class EdgeCaseData {

    static final String HOSTILE = "quote \" apostrophe ' comma , newline \n cr \r tab \t backslash \\ semicolon ;";
    static final String UNICODE = "emoji 😀🚀 CJK 漢字かなカナ 한국어 RTL مرحبا";

    private EdgeCaseData() {
    }

    static void createPostgres(String db) throws Exception {
        PostgresFixture.freshDatabase(db);
        PostgresFixture.execute(db,
                "CREATE TABLE typed (id int PRIMARY KEY, b boolean, i2 smallint, i4 integer, i8 bigint, f4 real,"
                        + " f8 double precision, n numeric(38,10), nu numeric, vc varchar(20), t text, c char(5),"
                        + " bin bytea, d date, tm time, ts timestamp, tstz timestamptz, iv interval, u uuid, j json,"
                        + " jb jsonb, arr int4[], tarr text[])",
                "INSERT INTO typed (id) VALUES (1)",
                "INSERT INTO typed VALUES (2, true, -32768, -2147483648, -9223372036854775808, 'NaN', 'Infinity',"
                        + " -9999999999999999999999999999.9999999999, 12345678901234567890.123456789012345678901,"
                        + " '', '', 'ab', '\\x0001ff', '0001-01-01', '00:00:00', '1969-12-31 23:59:59.999999',"
                        + " '1969-12-31 23:59:59.999999+00', '-1 year -2 days', '00000000-0000-0000-0000-000000000000',"
                        + " '{\"b\" : 1, \"a\" : [1, 2]}', '{\"b\": 1, \"a\": [1, 2]}', '{1,NULL,3}', '{\"a\\\"b\",NULL,\"c,d\"}')",
                "INSERT INTO typed VALUES (3, false, 32767, 2147483647, 9223372036854775807, '-Infinity', 'NaN',"
                        + " 9999999999999999999999999999.9999999999, 0.000000000000000000001, 'x', " + pgText(HOSTILE)
                        + ", 'abcde', '\\x', '9999-12-31', '23:59:59.999999', '9999-12-31 23:59:59.999999',"
                        + " '2024-02-29 12:34:56.123456+05:30', '1 year 2 mons 3 days 04:05:06.789',"
                        + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '[]', '{}', '{}', '{}')",
                "INSERT INTO typed (id, f4, f8, t, vc) VALUES (4, 1.17549435e-38, 2.2250738585072014e-308, "
                        + pgText(UNICODE) + ", '😀漢字')",
                "INSERT INTO typed (id, t) VALUES (5, repeat('0123456789abcdef', 65536))",
                "INSERT INTO typed (id, t, vc) VALUES (6, 'null', 'NULL')",
                "INSERT INTO typed (id, i4) SELECT g, g FROM generate_series(100, 3099) g",
                "CREATE TABLE \"Order Details\" (\"Order Id\" bigint, \"select\" int, \"MixedCase\" text,"
                        + " PRIMARY KEY (\"Order Id\", \"select\"))",
                "INSERT INTO \"Order Details\" SELECT g / 3, g % 3, 'row ' || g FROM generate_series(0, 299) g",
                "CREATE TABLE no_pk (a int, b text)",
                "INSERT INTO no_pk VALUES (1, 'dup'), (1, 'dup'), (NULL, NULL), (2, '')",
                "CREATE TABLE empty_table (id bigint PRIMARY KEY, v text)");
    }

    public static void createMariaDb(String db) throws Exception {
        MariaDbFixture.freshDatabase(db);
        MariaDbFixture.execute(db,
                "CREATE TABLE typed (id int PRIMARY KEY, bt bit(1), ti tinyint, si smallint, mi mediumint, i int,"
                        + " iu int unsigned, bi bigint, bu bigint unsigned, f float, d double, n decimal(38,10),"
                        + " vc varchar(20), t longtext, c char(5), bin blob, vb varbinary(16), dt date, tm time(6),"
                        + " dtm datetime(6), ts timestamp(6) NULL, y year, e enum('a','b'), j json)",
                "INSERT INTO typed (id) VALUES (1)",
                "INSERT INTO typed VALUES (2, b'1', -128, -32768, -8388608, -2147483648, 4294967295,"
                        + " -9223372036854775808, 18446744073709551615, -3.40282e38, -1.7976931348623157e308,"
                        + " -9999999999999999999999999999.9999999999, '', '', 'ab', x'0001ff', x'', '1000-01-01',"
                        + " '00:00:00', '1000-01-01 00:00:00.000000', '1970-01-01 00:00:01.000000', 1901, 'a',"
                        + " '{\"b\" : 1, \"a\" : [1, 2]}')",
                "INSERT INTO typed VALUES (3, b'0', 127, 32767, 8388607, 2147483647, 0, 9223372036854775807, 0,"
                        + " 1.17549435e-38, 2.2250738585072014e-308, 9999999999999999999999999999.9999999999, 'x',"
                        + " " + myText(HOSTILE) + ", 'abcde', x'00', x'ff', '9999-12-31', '23:59:59.999999',"
                        + " '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999', 2155, 'b', '[]')",
                "INSERT INTO typed (id, t, vc) VALUES (4, " + myText(UNICODE) + ", '😀漢字')",
                "INSERT INTO typed (id, t) VALUES (5, REPEAT('0123456789abcdef', 65536))",
                "INSERT INTO typed (id, t, vc) VALUES (6, 'null', 'NULL')",
                "INSERT INTO typed (id, i) SELECT seq, seq FROM seq_100_to_3099",
                "CREATE TABLE `Order Details` (`Order Id` bigint, `select` int, `MixedCase` text,"
                        + " PRIMARY KEY (`Order Id`, `select`))",
                "INSERT INTO `Order Details` SELECT seq DIV 3, seq MOD 3, CONCAT('row ', seq) FROM seq_0_to_299",
                "CREATE TABLE no_pk (a int, b text)",
                "INSERT INTO no_pk VALUES (1, 'dup'), (1, 'dup'), (NULL, NULL), (2, '')",
                "CREATE TABLE empty_table (id bigint PRIMARY KEY, v text)");
    }

    static String pgText(String s) {
        return "E'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + "'";
    }

    static String myText(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + "'";
    }
}
