package io.dtaas.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.TableSchema;
import io.dtaas.error.TransientError;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Reads the JSON lines {@link JsonLinesRowFileWriter} writes, one object per line, columns matched by key. Numbers
 * are read as their text and parsed as the column's kind, so a float32 or a long comes back exactly as written.
 */
final class JsonLinesRowFileReader implements RowFileReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TableSchema schema;
    private final MappingIterator<JsonNode> lines;
    private final String describe;

    JsonLinesRowFileReader(TableSchema schema, InputStream in, String describe) {
        this.schema = schema;
        this.describe = describe;
        try {
            this.lines = JSON.readerFor(JsonNode.class).readValues(in);
        } catch (IOException e) {
            throw new TransientError("cannot read " + describe + ": " + e, e);
        }
    }

    @Override
    public Object[] next() {
        try {
            if (!lines.hasNextValue()) {
                return null;
            }
            JsonNode line = lines.nextValue();
            Object[] row = new Object[schema.columns().size()];
            for (Map.Entry<String, JsonNode> field : line.properties()) {
                int i = schema.indexOf(field.getKey());
                if (i >= 0) {
                    row[i] = value(schema.columns().get(i).type().kind(), field.getValue());
                }
            }
            return row;
        } catch (IOException e) {
            throw new TransientError("cannot read " + describe + ": " + e, e);
        }
    }

    private static Object value(ColumnKind kind, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean() && kind == ColumnKind.BOOLEAN) {
            return node.booleanValue();
        }
        return TextValues.parse(kind, node.isValueNode() ? node.asText() : node.toString());
    }

    @Override
    public void close() {
        Streams.closeQuietly(lines);
    }
}
