package io.dtaas.cluster;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Map;

/**
 * An entry of {@link ClusterKeys#requests()}: one short connector call a worker runs for the control-plane.
 *
 * @param sealedConfig the connection settings sealed with the master key (secrets never travel in clear)
 * @param args         the call's arguments: database, schema, table, sql, limits, timeout
 */
public record GatewayRequest(String id, Op op, String typeId, String sealedConfig,
                             Map<String, Object> args) {

    public enum Op {
        CHECK("check"),
        DATABASES("databases"),
        SCHEMAS("schemas"),
        TABLES("tables"),
        COLUMNS("columns"),
        PREVIEW("preview"),
        QUERY("query"),
        /** One value of a read-only statement (a db_query variable). */
        QUERY_VALUE("query_value"),
        /** A source table's (or custom query's) schema as a full load reads it. */
        DESCRIBE("describe"),
        /** A source table's schema and first rows, typed, for transformation previews. */
        HEAD("head"),
        /** Drop a task's change capture on the source (slot, publication); args: stream_id. */
        DROP_CHANGE_CAPTURE("drop_change_capture"),
        /** What the source keeps of its log for a task's stream (slot state); args: stream_id. */
        RETAINED_LOG("retained_log"),
        /** The tables a task's selectors pick in a source, qualified; args: tables, exclude_tables. */
        SELECT_TABLES("select_tables"),
        /** Where selected tables land in a destination; args: target_schema, selection. */
        LOCATE_TABLES("locate_tables"),
        /** The change-capture pre-flight's problems (empty when ready); args: tables. */
        PREFLIGHT("preflight");

        private final String wireName;

        Op(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }
    }
}
