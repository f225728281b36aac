package io.dtaas.cdc;

import io.dtaas.data.TableRef;

import java.util.Map;

/**
 * One row change read from a source's log, with values already in DTaaS's Java representation of the target
 * column's kind.
 *
 * @param values the row after the change (insert, update), or its key columns at least (delete)
 * @param position the source position after this change (LSN, binlog file:pos), for metrics and messages
 */
public record ChangeEvent(Op op, TableRef table, Map<String, Object> values, String position) {

    public enum Op {
        INSERT,
        UPDATE,
        DELETE
    }
}
