package io.dtaas.controlplane.browser;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.MetadataDb;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Driver options injected through input (issue 11, item 3), against a running instance and the real servers:
 * request-time database names, host values and stored settings each get a 4xx naming the field.
 */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class InjectionIT {

    private static final String MY_DB = "dtaas_cp_inject";
    private static final String PG_DB = "dtaas_cp_inject_pg";

    /** The attack and its variants: each would add URL options to a URL built by concatenation. */
    private static final List<String> DATABASES = List.of(
            "sec_my?allowMultiQueries=true&allowLocalInfile=true", MY_DB + "?allowLocalInfile=true",
            "x&allowLocalInfile=true", "db;x=1", MY_DB + ";allowMultiQueries=true", "db/other", MY_DB + "/mysql",
            "%3FallowLocalInfile=true", MY_DB + "#frag", "dbé", "postgres?socketFactory=java.lang.String",
            "postgres&sslfactory=x", "\u202Edb");

    @BeforeAll
    static void databases() throws Exception {
        MariaDbFixture.freshDatabase(MY_DB);
        MariaDbFixture.execute(MY_DB, "CREATE TABLE victim (id int PRIMARY KEY)");
        PostgresFixture.freshDatabase(PG_DB);
    }

    private static long connector(String type, Map<String, Object> config) {
        return Api.create(Api.connector("inject " + type + " " + System.nanoTime(), "source", type, config));
    }

    @Test
    void requestTimeDatabasesAreRefusedNamingTheField() throws Exception {
        long maria = connector("mysql", MariaDbFixture.connectionConfig(MY_DB));
        long pg = connector("postgresql", PostgresFixture.connectionConfig(PG_DB));
        for (long id : new long[]{maria, pg}) {
            for (String database : DATABASES) {
                for (String path : new String[]{"/schemas", "/tables", "/tables/victim/columns", "/tables/victim/preview"}) {
                    given().urlEncodingEnabled(true).queryParam("database", database)
                            .get("/api/connectors/" + id + path).then().statusCode(422)
                            .body("errors.field", contains("database"));
                }
                Api.post("/api/connectors/" + id + "/query", Map.of("sql", "SELECT 1", "database", database))
                        .statusCode(422).body("errors.field", contains("database"));
            }
        }
        // the real names still work
        given().queryParam("database", MY_DB).get("/api/connectors/" + maria + "/tables").then().statusCode(200)
                .body("name", hasItem("victim"));
        given().queryParam("database", "postgres").get("/api/connectors/" + pg + "/schemas").then().statusCode(200)
                .body("$", hasItem("public"));
        assertThat(victimRows()).isZero();
    }

    @Test
    void hostsAreHostNamesOrIpLiteralsOnly() {
        String before = when().get("/api/connectors").then().extract().asString();
        for (String host : new String[]{"127.0.0.1/" + MY_DB + "?allowLocalInfile=true", "127.0.0.1?x=1",
                "dtaas_test@127.0.0.1", "127.0.0.1:3306", "127.0.0. 1", "127.0.0.1,evil", "[::1]:3306",
                "address=(host=127.0.0.1)(port=3306)", "127.0.0.1#x"}) {
            Map<String, Object> config = MariaDbFixture.connectionConfig(MY_DB);
            config.put("host", host);
            Api.post("/api/connectors", Api.connector("bad host " + System.nanoTime(), "source", "mysql", config))
                    .statusCode(422).body("errors.field", hasItem("connection_config.host"));
            Api.post("/api/connectors/test", Map.of("connector_type", "source", "source_type", "mysql",
                    "connection_config", config)).statusCode(422).body("errors.field", hasItem("connection_config.host"));
        }
        assertThat(when().get("/api/connectors").then().extract().asString()).isEqualTo(before);
    }

    /** Settings written straight into the metadata store, past the API's checks, are refused when used. */
    @Test
    void storedSettingsWithExtraOrBadValuesAreRefusedWhenUsed() {
        long extraKeys = insertRaw("{\"host\":\"127.0.0.1\",\"port\":3306,\"database\":\"" + MY_DB
                + "\",\"username\":\"dtaas_test\",\"allowLocalInfile\":true,\"allowMultiQueries\":true}");
        long badHost = insertRaw("{\"host\":\"127.0.0.1/" + MY_DB + "?allowLocalInfile=true\",\"port\":3306,"
                + "\"database\":\"" + MY_DB + "\",\"username\":\"dtaas_test\"}");
        long badDatabase = insertRaw("{\"host\":\"127.0.0.1\",\"port\":3306,\"database\":\"" + MY_DB
                + "?allowLocalInfile=true\",\"username\":\"dtaas_test\"}");
        when().get("/api/connectors/" + extraKeys + "/tables").then().statusCode(422)
                .body("errors.field", hasItem("connection_config.allowLocalInfile"))
                .body("errors.field", hasItem("connection_config.allowMultiQueries"));
        when().post("/api/connectors/" + extraKeys + "/test").then().statusCode(422);
        when().get("/api/connectors/" + badHost + "/tables").then().statusCode(422)
                .body("errors.field", contains("connection_config.host"));
        Api.post("/api/connectors/" + badDatabase + "/query", Map.of("sql", "SELECT 1")).statusCode(422)
                .body("errors.field", contains("connection_config.database"))
                .body("errors[0].message", containsString("/ ? & ; = # %"));
        when().post("/api/connectors/" + badHost + "/test").then().statusCode(422)
                .body("detail", containsString("connection_config.host"));
    }

    @Test
    void aDatabaseThatReallyExistsIsStillOnlyAName() throws Exception {
        String optionsDb = "dtaas_cp_inj?allowMultiQueries=true&allowLocalInfile=true";
        MariaDbFixture.freshDatabase(optionsDb);
        long maria = connector("mysql", MariaDbFixture.connectionConfig(MY_DB));
        given().queryParam("database", optionsDb).get("/api/connectors/" + maria + "/tables").then().statusCode(200)
                .body("size()", equalTo(0));
        Api.post("/api/connectors/" + maria + "/query", Map.of("database", optionsDb, "sql", "SELECT DATABASE() AS db"))
                .statusCode(200).body("rows[0][0]", equalTo(optionsDb));
    }

    private static long insertRaw(String connectionConfig) {
        String name = "raw " + System.nanoTime();
        MetadataDb.execute("INSERT INTO connectors (name, connector_type, type_id, connection_config, created_at, updated_at)"
                + " VALUES (?, 'source', 'mysql', ?::jsonb, now(), now())", name, connectionConfig);
        return MetadataDb.scalar("SELECT id FROM connectors WHERE name = ?", name);
    }

    private static long victimRows() throws Exception {
        try (var c = MariaDbFixture.connect(MY_DB); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM victim")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
