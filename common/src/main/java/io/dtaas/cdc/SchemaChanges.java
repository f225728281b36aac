package io.dtaas.cdc;

import io.dtaas.data.Column;
import io.dtaas.data.TableSchema;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares a table's known columns with the row schema of a change record (insert or update): a field the
 * table lacks is a column the source gained (ADD COLUMN), appended at the end; a known NOT NULL column the
 * record lacks was dropped at the source, and stays, nullable, so rows changed from now on carry NULL in it.
 * A rename looks like a dropped column plus a new one, and is treated so.
 */
final class SchemaChanges {

    private SchemaChanges() {
    }

    /** The table's new shape, or empty when the record fits the known one. */
    static Optional<TableSchema> evolved(TableSchema known, Schema row) {
        boolean changed = false;
        List<Column> columns = new ArrayList<>();
        for (Column c : known.columns()) {
            if (!c.nullable() && row.field(c.name()) == null && !known.primaryKey().contains(c.name())) {
                columns.add(new Column(c.name(), c.type(), true));
                changed = true;
            } else {
                columns.add(c);
            }
        }
        for (Field f : row.fields()) {
            if (known.indexOf(f.name()) < 0) {
                columns.add(ConnectColumns.column(f));
                changed = true;
            }
        }
        return changed ? Optional.of(new TableSchema(known.table(), columns, known.primaryKey())) : Optional.empty();
    }
}
