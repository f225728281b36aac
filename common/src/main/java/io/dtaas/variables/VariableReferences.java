package io.dtaas.variables;

import io.dtaas.connect.ConnectorType;
import io.dtaas.connect.FieldSpec;
import io.dtaas.connect.jdbc.SqlLexicon;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds where a task or a connector uses variables: custom queries (parsed as SQL of the source's lexicon),
 * any text inside transformation settings, and connection fields declared {@link FieldSpec#templated()}.
 * Parsing also validates: a malformed or misplaced reference is a config error naming its field.
 */
public final class VariableReferences {

    /** Names used by one field, e.g. {@code config.queries.orders}. */
    public record Use(String field, Set<String> names) {
    }

    private VariableReferences() {
    }

    /**
     * @param queries         a task's custom queries by table
     * @param transformations a task's raw transformation settings by table
     * @param lexicon         how the source database reads SQL
     * @throws io.dtaas.error.ConfigError naming the field of the first bad reference
     */
    public static List<Use> inTask(Map<String, String> queries, Map<String, Object> transformations,
                                   SqlLexicon lexicon) {
        List<Use> uses = new ArrayList<>();
        queries.forEach((table, sql) -> add(uses, "config.queries." + table,
                SqlTemplates.parse(sql, lexicon, "config.queries." + table).names()));
        transformations.forEach((table, value) -> texts(value, "config.transformations." + table, uses));
        return uses;
    }

    /** Uses in a connector's templated fields; {@code path} names the settings, e.g. {@code connection_config}. */
    public static List<Use> inConnector(ConnectorType type, Map<String, ?> settings, String path) {
        List<Use> uses = new ArrayList<>();
        for (FieldSpec field : type.fields()) {
            if (field.templated() && settings.get(field.name()) instanceof String s
                    && TextTemplates.mayHoldReferences(s)) {
                String name = path + "." + field.name();
                add(uses, name, TextTemplates.parse(s, name).names());
            }
        }
        return uses;
    }

    /** Every name of the uses. */
    public static Set<String> names(List<Use> uses) {
        Set<String> names = new LinkedHashSet<>();
        uses.forEach(u -> names.addAll(u.names()));
        return names;
    }

    private static void texts(Object value, String field, List<Use> uses) {
        switch (value) {
            case String s when TextTemplates.mayHoldReferences(s) ->
                    add(uses, field, TextTemplates.parse(s, field).names());
            case Map<?, ?> m -> m.forEach((k, v) -> texts(v, field + "." + k, uses));
            case List<?> l -> {
                for (int i = 0; i < l.size(); i++) {
                    texts(l.get(i), field + "[" + i + "]", uses);
                }
            }
            case null, default -> {
            }
        }
    }

    private static void add(List<Use> uses, String field, Set<String> names) {
        if (!names.isEmpty()) {
            uses.add(new Use(field, names));
        }
    }
}
