package io.dtaas.format;

import io.dtaas.data.TableSchema;
import io.dtaas.error.TransientError;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CSV {@link CsvRowFileWriter} writes: a header of column names, then records; an empty unquoted field is
 * NULL, a quoted one the empty string. Columns are matched by the header's names.
 */
final class CsvRowFileReader implements RowFileReader {

    private final TableSchema schema;
    private final Reader in;
    private final int[] positions;
    private final String describe;

    CsvRowFileReader(TableSchema schema, Reader in, String describe) {
        this.schema = schema;
        this.in = in;
        this.describe = describe;
        List<String> header = record();
        this.positions = new int[header == null ? 0 : header.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = schema.indexOf(header.get(i));
        }
    }

    @Override
    public Object[] next() {
        List<String> record = record();
        if (record == null) {
            return null;
        }
        Object[] row = new Object[schema.columns().size()];
        for (int i = 0; i < record.size() && i < positions.length; i++) {
            if (positions[i] >= 0 && record.get(i) != null) {
                row[positions[i]] = TextValues.parse(schema.columns().get(positions[i]).type().kind(), record.get(i));
            }
        }
        return row;
    }

    /** One record's fields (null for NULL), or null at the end of the file. */
    private List<String> record() {
        try {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (c == '"' && field.isEmpty() && !quoted) {
                    quoted = true;
                    c = quotedField(field);
                    continue;
                }
                if (c < 0 || c == ',' || c == '\n' || c == '\r') {
                    fields.add(!quoted && field.isEmpty() ? null : field.toString());
                    field.setLength(0);
                    quoted = false;
                    if (c == '\r') {
                        c = in.read(); // CRLF ends the record
                    }
                    if (c != ',') {
                        return fields;
                    }
                } else {
                    field.append((char) c);
                }
                c = in.read();
            }
        } catch (IOException e) {
            throw new TransientError("cannot read " + describe + ": " + e, e);
        }
    }

    /** Reads a quoted field's content after its opening quote; returns the character after the closing quote. */
    private int quotedField(StringBuilder field) throws IOException {
        while (true) {
            int c = in.read();
            if (c < 0) {
                return c;
            }
            if (c == '"') {
                int after = in.read();
                if (after != '"') {
                    return after;
                }
            }
            field.append((char) c);
        }
    }

    @Override
    public void close() {
        Streams.closeQuietly(in);
    }
}
