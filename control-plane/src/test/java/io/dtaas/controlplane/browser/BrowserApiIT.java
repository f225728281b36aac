package io.dtaas.controlplane.browser;

import io.dtaas.controlplane.testing.Api;
import io.dtaas.controlplane.testing.RealPostgresProfile;
import io.dtaas.testing.MariaDbFixture;
import io.dtaas.testing.PostgresFixture;
import io.dtaas.testing.S3ServerFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

/** The database browser API against real PostgreSQL and MariaDB. */
@QuarkusTest
@TestProfile(RealPostgresProfile.class)
class BrowserApiIT {

    private static final String PG_DB = "dtaas_cp_browse";
    private static final String MY_DB = "dtaas_cp_browse";
    private static long pg;
    private static long maria;
    private static boolean prepared;

    /** Once per class, but after Quarkus has started (RestAssured needs its port). */
    @BeforeEach
    void fixtures() throws Exception {
        if (prepared) {
            return;
        }
        prepared = true;
        PostgresFixture.freshDatabase(PG_DB);
        PostgresFixture.execute(PG_DB,
                "CREATE SCHEMA sales",
                "CREATE TABLE sales.customers (id int PRIMARY KEY, name text NOT NULL, email varchar(120))",
                "INSERT INTO sales.customers SELECT g, 'customer ' || g, NULL FROM generate_series(1, 250) g",
                "CREATE TABLE sales.orders (id bigint PRIMARY KEY, customer_id int REFERENCES sales.customers(id),"
                        + " total numeric(38,10) DEFAULT 0)",
                "CREATE TABLE public.\"x.y\" (v int)",
                "ANALYZE");
        MariaDbFixture.freshDatabase(MY_DB);
        MariaDbFixture.execute(MY_DB, "CREATE TABLE products (sku varchar(20) PRIMARY KEY, price decimal(10,2))",
                "INSERT INTO products VALUES ('A-1', 9.99), ('B-2', NULL)");
        pg = Api.create(Api.connector("browse pg", "source", "postgresql", PostgresFixture.connectionConfig(PG_DB)));
        maria = Api.create(Api.connector("browse maria", "source", "mysql", MariaDbFixture.connectionConfig(MY_DB)));
    }

    @Test
    void walksDatabasesSchemasTablesAndColumns() {
        when().get("/api/connectors/" + pg + "/databases").then().statusCode(200).body("$", hasItems(PG_DB, "postgres"));
        when().get("/api/connectors/" + pg + "/schemas").then().statusCode(200).body("$", hasItems("public", "sales"));
        given().queryParam("schema", "sales").get("/api/connectors/" + pg + "/tables").then().statusCode(200)
                .body("name", contains("customers", "orders"))
                .body("find { it.name == 'customers' }.row_estimate", equalTo(250))
                .body("find { it.name == 'customers' }.kind", equalTo("table"));
        given().queryParam("schema", "sales").get("/api/connectors/" + pg + "/tables/orders/columns").then()
                .statusCode(200)
                .body("name", contains("id", "customer_id", "total"))
                .body("[0].primary_key_position", equalTo(1))
                .body("[1].primary_key_position", nullValue())
                .body("[1].foreign_key.table", equalTo("customers"))
                .body("[1].foreign_key.schema", equalTo("sales"))
                .body("[2].data_type", equalTo("numeric(38,10)"))
                .body("[2].default_value", containsString("0"))
                .body("[2].nullable", equalTo(true));
    }

    @Test
    void previewHonoursLimitAndAcceptsSchemaDotTable() {
        given().queryParam("limit", 5).get("/api/connectors/" + pg + "/tables/sales.customers/preview").then()
                .statusCode(200)
                .body("columns.name", contains("id", "name", "email"))
                .body("rows.size()", equalTo(5))
                .body("rows[0]", contains(1, "customer 1", null))
                .body("truncated", equalTo(true));
        when().get("/api/connectors/" + pg + "/tables/x.y/preview").then().statusCode(200)
                .body("columns.name", contains("v"));
        given().queryParam("limit", 0).get("/api/connectors/" + pg + "/tables/sales.customers/preview").then()
                .statusCode(422).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void queriesRunReadOnlyUnderTheRowCap() {
        Api.post("/api/connectors/" + pg + "/query", Map.of("sql", "SELECT id FROM sales.customers ORDER BY id", "limit", 3))
                .statusCode(200).body("rows", contains(List.of(1), List.of(2), List.of(3))).body("truncated", equalTo(true));
        Api.post("/api/connectors/" + pg + "/query", Map.of("sql",
                        "WITH d AS (DELETE FROM sales.orders RETURNING *) SELECT count(*) FROM d"))
                .statusCode(422).body("errors[0].field", equalTo("sql")).body("detail", containsString("read-only"));
        Api.post("/api/connectors/" + pg + "/query", Map.of("sql", "UPDATE sales.customers SET name = 'x'"))
                .statusCode(422);
        Api.post("/api/connectors/" + pg + "/query", Map.of("sql", "SELECT pg_sleep(3)", "timeout_seconds", 1))
                .statusCode(422).body("detail", containsString("timeout"));
        Api.post("/api/connectors/" + pg + "/query", Map.of("sql", "SELECT count(*) FROM sales.customers WHERE name <> 'x'"))
                .statusCode(200).body("rows[0][0]", equalTo(250));
    }

    @Test
    void browsesMariaDb() {
        when().get("/api/connectors/" + maria + "/schemas").then().statusCode(200).body("$", hasItem(MY_DB));
        when().get("/api/connectors/" + maria + "/tables/products/columns").then().statusCode(200)
                .body("name", contains("sku", "price")).body("[0].primary_key_position", equalTo(1));
        when().get("/api/connectors/" + maria + "/tables/products/preview").then().statusCode(200)
                .body("rows", contains(List.of("A-1", "9.99"), java.util.Arrays.asList("B-2", null)));
    }

    @Test
    void objectStoresHaveNothingToBrowseAndDeadServersAre502() {
        long s3 = Api.create(Api.connector("browse s3", "destination", "s3", S3ServerFixture.connectionConfig("dtaas-b")));
        when().get("/api/connectors/" + s3 + "/tables").then().statusCode(422)
                .body("detail", containsString("no database to browse"));
        Map<String, Object> dead = new java.util.HashMap<>(PostgresFixture.connectionConfig(PG_DB));
        dead.put("port", 1);
        long deadPg = Api.create(Api.connector("browse dead", "source", "postgresql", dead));
        when().get("/api/connectors/" + deadPg + "/tables").then().statusCode(502)
                .body("detail", containsString("cannot connect to PostgreSQL at 127.0.0.1:1"));
    }
}
