package io.dtaas.transform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableRef;
import io.dtaas.data.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers: schemas in one line, chains from JSON text, rows through them. */
final class Chains {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Chains() {
    }

    /** Pairs of name and kind; every column nullable; no primary key unless named with a leading '*'. */
    static TableSchema schema(Object... nameKind) {
        List<Column> columns = new ArrayList<>();
        List<String> pk = new ArrayList<>();
        for (int i = 0; i < nameKind.length; i += 2) {
            String name = (String) nameKind[i];
            Object kind = nameKind[i + 1];
            if (name.startsWith("*")) {
                name = name.substring(1);
                pk.add(name);
            }
            ColumnType type = kind instanceof ColumnType t ? t : ColumnType.of((ColumnKind) kind);
            columns.add(new Column(name, type, true));
        }
        return new TableSchema(new TableRef("public", "t"), columns, pk);
    }

    static Object json(String text) {
        try {
            return JSON.readValue(text.replace('`', '"'), Object.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A chain from JSON (backticks stand for double quotes), bound with {@code variables}. */
    static Pipeline bind(TableSchema in, String chainJson, Map<String, Object> variables) {
        return TransformationChain.parse(json(chainJson), "t").bind(in, TransformContext.run(variables));
    }

    static Pipeline bind(TableSchema in, String chainJson) {
        return bind(in, chainJson, Map.of());
    }

    static List<List<Object>> run(Pipeline p, Object[]... rows) {
        List<Object[]> out = p.applyRows(List.of(rows));
        return out.stream().map(r -> java.util.Arrays.asList(r)).toList();
    }

    static Object[] row(Object... values) {
        return values;
    }

    static List<Object> list(Object... values) {
        return java.util.Arrays.asList(values);
    }
}
