package io.dtaas.connect.jdbc;

import io.dtaas.connect.ConfigValidator;
import io.dtaas.connect.Connector;
import io.dtaas.connect.RowStream;
import io.dtaas.connect.Source;
import io.dtaas.connect.mysql.MysqlConnector;
import io.dtaas.connect.postgres.PostgresConnector;
import io.dtaas.data.Batch;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Source.head}: the first rows of a table, typed as a full load reads them, cut by the database. */
class SourceHeadIT {

    @Test
    void postgresAndMariaDbAnswerOnlyTheFirstRows() throws Exception {
        String db = "dtaas_it_head";
        PostgresFixture.freshDatabase(db);
        PostgresFixture.execute(db, "CREATE TABLE \"Big One\" (id int PRIMARY KEY, v text)",
                "INSERT INTO \"Big One\" SELECT g, 'v' || g FROM generate_series(1, 50000) g");
        MariaDbFixture.freshDatabase(db);
        MariaDbFixture.execute(db, "CREATE TABLE `Big One` (id int PRIMARY KEY, v text)",
                "INSERT INTO `Big One` SELECT seq, CONCAT('v', seq) FROM seq_1_to_50000");
        assertHead(new PostgresConnector(), PostgresFixture.connectionConfig(db), new TableRef("public", "Big One"));
        assertHead(new MysqlConnector(), MariaDbFixture.connectionConfig(db), new TableRef(db, "Big One"));
    }

    private static void assertHead(Connector connector, Map<String, Object> config, TableRef table) {
        try (Source source = connector.source(ConfigValidator.validate(connector.type(), config, "connection_config"))) {
            TableSchema schema = source.describe(table);
            try (RowStream rows = source.head(schema, 7)) {
                Batch first = rows.next(1000);
                assertThat(first.rows()).hasSize(7);
                assertThat(first.rows().get(0)).hasSize(2);
                assertThat(first.rows().get(0)[0]).isInstanceOf(Integer.class);
                assertThat(rows.next(1000)).isNull();
            }
        }
    }
}
