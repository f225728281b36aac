package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * {@code aggregate}: one row per distinct {@code group_by} value (NULL is a group), in order of first
 * appearance, with the group columns and one column per aggregation, written {@code "sum(amount) as total"}
 * or {@code {"function": "sum", "column": "amount", "as": "total"}}. The group columns become the primary key.
 * Without group_by the result is one row, even for no input (count 0, others NULL), as in SQL.
 */
record Aggregate(List<String> groupBy, List<Aggregation> aggregations) implements Transformation {

    static final List<String> FUNCTIONS = List.of("count", "sum", "avg", "min", "max");
    private static final Pattern ENTRY = Pattern.compile(
            "\\s*(\\w+)\\s*\\(\\s*(\\*|\"[^\"]+\"|[^()]+?)\\s*\\)\\s*(?:(?i:as)\\s+(.+?))?\\s*");

    /** @param column null for {@code count(*)} */
    record Aggregation(String function, String column, String alias) {
    }

    static Aggregate from(ConfigReader r) {
        List<String> groupBy = r.strings("group_by", false);
        List<Aggregation> aggregations = new ArrayList<>();
        Object raw = r.rawValue("aggregations");
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            r.problem("aggregations", "is required: a non-empty list such as [\"count(*) as orders\", \"sum(amount) as total\"]");
            return new Aggregate(groupBy, aggregations);
        }
        for (int i = 0; i < list.size(); i++) {
            Aggregation a = entry(list.get(i));
            if (a == null) {
                r.problem("aggregations[" + i + "]", "must be \"function(column) [as name]\" or {\"function\", \"column\", \"as\"}"
                        + " with function one of " + FUNCTIONS + " (count(*) counts rows)");
            } else {
                aggregations.add(a);
            }
        }
        return new Aggregate(groupBy, aggregations);
    }

    private static Aggregation entry(Object raw) {
        String function;
        String column;
        String alias;
        if (raw instanceof String s) {
            Matcher m = ENTRY.matcher(s);
            if (!m.matches()) {
                return null;
            }
            function = m.group(1).toLowerCase(Locale.ROOT);
            column = m.group(2).startsWith("\"") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
            alias = m.group(3);
        } else if (raw instanceof Map<?, ?> map && map.get("function") instanceof String f
                && (map.get("column") == null || map.get("column") instanceof String)
                && (map.get("as") == null || map.get("as") instanceof String)) {
            function = f.toLowerCase(Locale.ROOT);
            column = map.get("column") == null ? "*" : (String) map.get("column");
            alias = (String) map.get("as");
        } else {
            return null;
        }
        if (!FUNCTIONS.contains(function) || (column.equals("*") && !function.equals("count"))) {
            return null;
        }
        String col = column.equals("*") ? null : column;
        String name = alias != null ? alias : function + "_" + (col == null ? "all" : col);
        return new Aggregation(function, col, name);
    }

    @Override
    public TransformationType type() {
        return TransformationType.AGGREGATE;
    }

    @Override
    public Step bind(TableSchema input, TransformContext context) {
        int[] keys = RowKeys.indexes(input, groupBy, "group_by");
        List<Column> columns = new ArrayList<>();
        for (int k : keys) {
            columns.add(input.columns().get(k));
        }
        List<Accumulators.Spec> specs = new ArrayList<>();
        for (int a = 0; a < aggregations.size(); a++) {
            Aggregation agg = aggregations.get(a);
            String field = "aggregations[" + a + "]";
            int source = agg.column() == null ? -1 : Schemas.column(input, agg.column(), field);
            ColumnType in = source < 0 ? null : input.columns().get(source).type();
            Accumulators.Spec spec = Accumulators.spec(agg.function(), source, in, field);
            if (columns.stream().anyMatch(c -> c.name().equals(agg.alias()))) {
                throw new ConfigError("config." + field, "column \"" + agg.alias() + "\" already exists in the result; name it with as");
            }
            columns.add(new Column(agg.alias(), spec.type(), !agg.function().equals("count")));
            specs.add(spec);
        }
        TableSchema output = new TableSchema(input.table(), columns, groupBy);
        return new RowSetStep() {
            @Override
            public TableSchema output() {
                return output;
            }

            @Override
            public List<Object[]> apply(List<Object[]> rows) {
                Map<List<Object>, Accumulators.Group> groups = new LinkedHashMap<>();
                for (Object[] row : rows) {
                    groups.computeIfAbsent(RowKeys.of(row, keys), k -> new Accumulators.Group(row, keys, specs)).add(row);
                }
                if (groups.isEmpty() && keys.length == 0) {
                    groups.put(List.of(), new Accumulators.Group(new Object[0], keys, specs));
                }
                List<Object[]> out = new ArrayList<>(groups.size());
                groups.values().forEach(g -> out.add(g.result()));
                return out;
            }

            @Override
            public Optional<String> unchanged(String column) {
                return groupBy.contains(column) ? Optional.of(column) : Optional.empty();
            }
        };
    }
}
