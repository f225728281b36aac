package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableSchema;

import java.util.function.UnaryOperator;

/**
 * Binds a text transformation: the column must hold text, and the result is an unbounded string (a changed
 * value may be longer than the source's declared length, and is no longer of the source's own type).
 */
final class TextColumn {

    private TextColumn() {
    }

    static Step bind(TableSchema input, String column, String typeName, UnaryOperator<String> fn) {
        Column c = Schemas.text(input, column, "column", typeName);
        int i = input.indexOf(column);
        Column result = new Column(column, ColumnType.of(ColumnKind.STRING), c.nullable());
        return MapColumn.of(input, i, result, v -> fn.apply((String) v));
    }
}
