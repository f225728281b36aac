package io.dtaas.format;

import io.dtaas.data.Batch;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.TableSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.List;

/**
 * CSV per RFC 4180: UTF-8 without BOM, a header row of column names, CRLF after every record, fields
 * quoted when they hold a comma, quote, CR or LF (quotes doubled). NULL is an empty unquoted field and an
 * empty value is {@code ""}, so the two stay distinguishable. Values are {@link TextValues}.
 */
final class CsvRowFileWriter extends AbstractRowFileWriter {

    private static final String RECORD_END = "\r\n";

    private final List<ColumnKind> kinds;
    private final Writer out;

    CsvRowFileWriter(TableSchema schema, CountingOutputStream counter, OutputStream compressed) {
        super(schema, counter);
        this.kinds = schema.columns().stream().map(c -> c.type().kind()).toList();
        this.out = new Utf8Writer(compressed, 64 * 1024);
        try {
            for (int i = 0; i < kinds.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                writeField(schema.columns().get(i).name());
            }
            out.write(RECORD_END);
        } catch (IOException e) {
            throw ValueErrors.io(schema, "writing the CSV header", e);
        }
    }

    @Override
    public void write(Batch batch) {
        try {
            for (Object[] row : batch.rows()) {
                for (int i = 0; i < kinds.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    if (row[i] != null) {
                        writeField(text(i, row[i]));
                    }
                }
                out.write(RECORD_END);
                rowWritten();
            }
        } catch (IOException e) {
            throw ValueErrors.io(schema, "writing CSV", e);
        }
    }

    private String text(int column, Object value) {
        try {
            return TextValues.of(kinds.get(column), value);
        } catch (ClassCastException e) {
            throw ValueErrors.typeMismatch(schema, column, value, e);
        }
    }

    private void writeField(String text) throws IOException {
        if (!text.isEmpty() && !needsQuotes(text)) {
            out.write(text);
            return;
        }
        out.write('"');
        int from = 0;
        for (int q = text.indexOf('"'); q >= 0; q = text.indexOf('"', from)) {
            out.write(text, from, q - from + 1);
            out.write('"');
            from = q + 1;
        }
        out.write(text, from, text.length() - from);
        out.write('"');
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    @Override
    protected String describe() {
        return "the CSV file";
    }

    @Override
    protected void complete() throws IOException {
        out.close();
    }

    /** Without {@link #finish()}: releases the buffers; the stream's owner discards whatever reached it. */
    @Override
    protected void abandon() {
        Streams.closeQuietly(out);
    }
}
