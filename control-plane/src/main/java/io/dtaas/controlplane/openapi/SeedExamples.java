package io.dtaas.controlplane.openapi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed document's own request bodies, shown as examples in the OpenAPI document, so "Try it out" starts from
 * something the API accepts (each one is also sent verbatim by an API test).
 */
final class SeedExamples {

    private SeedExamples() {
    }

    static Map<String, String> connectors() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sql_server_source", """
                {"name": "Production SQL Server", "description": "Main production database", "connector_type": "source",
                 "source_type": "sql_server", "connection_config": {"host": "localhost", "port": 1433, "database": "MyDB",
                 "username": "sa", "password": "SecurePassword123!"}}""");
        m.put("postgresql_source", """
                {"name": "Production PostgreSQL", "connector_type": "source", "source_type": "postgresql",
                 "connection_config": {"host": "localhost", "port": 5432, "database": "mydb", "username": "postgres",
                 "password": "password"}}""");
        m.put("snowflake_destination", """
                {"name": "Snowflake DWH", "connector_type": "destination", "destination_type": "snowflake",
                 "connection_config": {"account": "your_account", "user": "username", "password": "password",
                 "warehouse": "COMPUTE_WH", "database": "MY_DB", "schema": "PUBLIC", "role": "SYSADMIN"}}""");
        m.put("s3_destination", """
                {"name": "Data lake", "connector_type": "destination", "destination_type": "s3",
                 "connection_config": {"bucket_name": "my-bucket", "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
                 "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "region": "us-west-2",
                 "prefix": "data/", "file_format": "parquet"}}""");
        return m;
    }

    static Map<String, String> tasks() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("full_load", """
                {"name": "Daily Customer Sync", "description": "Sync customers to Snowflake", "source_connector_id": 1,
                 "destination_connector_id": 2, "mode": "full_load", "schedule_type": "on_demand",
                 "config": {"tables": ["customers", "orders", "products"], "batch_size": 10000, "parallel": true,
                 "max_parallel_tables": 5}}""");
        m.put("cdc", """
                {"name": "CDC - Real-time Sync", "source_connector_id": 1, "destination_connector_id": 2, "mode": "cdc",
                 "schedule_type": "continuous", "config": {"tables": ["orders", "transactions"], "poll_interval": 60,
                 "batch_size": 1000, "track_deletes": true}}""");
        m.put("full_load_then_cdc", """
                {"name": "Full Load + CDC", "source_connector_id": 1, "destination_connector_id": 2,
                 "mode": "full_load_then_cdc", "schedule_type": "continuous",
                 "config": {"tables": ["customers"], "batch_size": 10000, "cdc_poll_interval": 30}}""");
        m.put("with_transformations", """
                {"name": "Transform and Load", "source_connector_id": 1, "destination_connector_id": 2, "mode": "full_load",
                 "config": {"tables": ["employees"], "transformations": {"employees": [
                   {"type": "uppercase", "config": {"column": "email"}}, {"type": "trim", "config": {"column": "name"}},
                   {"type": "rename_column", "config": {"old_name": "emp_id", "new_name": "employee_id"}}]}}}""");
        return m;
    }

    static Map<String, String> variables() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("static", """
                {"name": "tenant_id", "type": "static", "value": "12345"}""");
        m.put("db_query", """
                {"name": "max_date", "type": "db_query", "query": "SELECT MAX(order_date) FROM orders"}""");
        m.put("context", """
                {"name": "source_db", "type": "context", "path": "source_connector.database"}""");
        return m;
    }
}
