package io.dtaas.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.dtaas.data.Batch;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.TableSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * JSON lines: one object per row, UTF-8, {@code \n} after every object, keys the column names in column order.
 * Integers are JSON numbers, finite floats too; NaN and infinities, DECIMAL (kept exact) and every kind JSON
 * has no type for are strings of their {@link TextValues}; NULL is {@code null}. A JSON column's document is
 * a string too, so a malformed document from the source cannot break the line.
 */
final class JsonLinesRowFileWriter extends AbstractRowFileWriter {

    private final List<ColumnKind> kinds;
    private final List<SerializedString> keys;
    private final JsonGenerator json;

    JsonLinesRowFileWriter(TableSchema schema, CountingOutputStream counter, OutputStream compressed) {
        super(schema, counter);
        this.kinds = schema.columns().stream().map(c -> c.type().kind()).toList();
        this.keys = schema.columns().stream().map(c -> new SerializedString(c.name())).toList();
        try {
            this.json = new JsonFactory().createGenerator(compressed, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw ValueErrors.io(schema, "starting a JSON-lines file", e);
        }
        // Rows are separated by our own newline, not by Jackson's default root separator (a space).
        json.setRootValueSeparator(null);
    }

    @Override
    public void write(Batch batch) {
        try {
            for (Object[] row : batch.rows()) {
                json.writeStartObject();
                for (int i = 0; i < kinds.size(); i++) {
                    json.writeFieldName(keys.get(i));
                    writeValue(i, row[i]);
                }
                json.writeEndObject();
                json.writeRaw('\n');
                rowWritten();
            }
        } catch (IOException e) {
            throw ValueErrors.io(schema, "writing JSON lines", e);
        }
    }

    private void writeValue(int column, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        try {
            switch (kinds.get(column)) {
                case BOOLEAN -> json.writeBoolean((Boolean) value);
                case INT16, INT32 -> json.writeNumber((Integer) value);
                case INT64 -> json.writeNumber((Long) value);
                case FLOAT32 -> writeFloat((Float) value);
                case FLOAT64 -> writeDouble((Double) value);
                case DECIMAL, STRING, JSON, INTERVAL, UUID, ARRAY, OTHER, BINARY, DATE, TIME, TIMESTAMP,
                     TIMESTAMP_TZ -> json.writeString(TextValues.of(kinds.get(column), value));
            }
        } catch (ClassCastException e) {
            throw ValueErrors.typeMismatch(schema, column, value, e);
        }
    }

    private void writeFloat(float value) throws IOException {
        if (Float.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(Float.toString(value));
        }
    }

    private void writeDouble(double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(Double.toString(value));
        }
    }

    @Override
    protected String describe() {
        return "the JSON-lines file";
    }

    @Override
    protected void complete() throws IOException {
        json.close();
    }

    /** Without {@link #finish()}: releases the buffers; the stream's owner discards whatever reached it. */
    @Override
    protected void abandon() {
        Streams.closeQuietly(json);
    }
}
