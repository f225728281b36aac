package io.dtaas.connect.jdbc;

import io.dtaas.connect.catalog.QueryLimits;
import io.dtaas.connect.catalog.QueryResult;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;

/** Run by {@link ValueCapsIT} in a JVM with a small heap: five 200 MB values (PostgreSQL), five 10 MB (MariaDB). */
public final class SmallHeapProbe {

    private SmallHeapProbe() {
    }

    public static void main(String[] args) {
        QueryResult pg = ValueCapsIT.browser(new PostgresConnector(), PostgresFixture.connectionConfig(ValueCapsIT.DB))
                .query(null, "SELECT repeat('x', 200000000) AS big FROM generate_series(1, 5)", QueryLimits.DEFAULT);
        System.out.println("postgresql " + pg.rows().size() + " rows, " + pg.truncatedCells().size() + " cut");
        QueryResult my = ValueCapsIT.browser(new MysqlConnector(), MariaDbFixture.connectionConfig(ValueCapsIT.DB))
                .query(null, "SELECT REPEAT('x', 10000000) AS big FROM seq_1_to_5", QueryLimits.DEFAULT);
        System.out.println("mariadb " + my.rows().size() + " rows, " + my.truncatedCells().size() + " cut");
    }
}
