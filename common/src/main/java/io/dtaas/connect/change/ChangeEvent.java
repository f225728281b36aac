package io.dtaas.connect.change;

import io.dtaas.data.TableRef;

import java.time.Instant;
import java.util.Map;

/**
 * One row change read from a source's log, with values already in DTaaS's Java representation of the target
 * column's kind.
 *
 * @param values the row after the change (insert, update), or its key columns at least (delete)
 * @param position the source position after this change (LSN, binlog file:pos), for metrics and messages
 * @param sourceTs when the change was made at the source (Debezium's {@code source.ts_ms}); null when unknown
 */
public record ChangeEvent(Op op, TableRef table, Map<String, Object> values, String position, Instant sourceTs) {

    public ChangeEvent(Op op, TableRef table, Map<String, Object> values, String position) {
        this(op, table, values, position, null);
    }

    public enum Op {
        INSERT("I"),
        UPDATE("U"),
        DELETE("D");

        private final String code;

        Op(String code) {
            this.code = code;
        }

        /** The letter change files carry in {@code _op}. */
        public String code() {
            return code;
        }
    }
}
