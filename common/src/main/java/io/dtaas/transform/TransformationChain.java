package io.dtaas.transform;

import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A table's list of transformations, parsed from the task config's raw JSON: {@code [{"type": ..., "config":
 * {...}}, ...]}. Problems are named by their path under {@code path}, e.g.
 * {@code config.transformations.customers[2].config.column}.
 */
public final class TransformationChain {

    /** At most this many transformations per table: a bound on work per row. */
    public static final int MAX_STEPS = 100;

    private final List<Transformation> transformations;
    private final String path;

    private TransformationChain(List<Transformation> transformations, String path) {
        this.transformations = List.copyOf(transformations);
        this.path = path;
    }

    public static TransformationChain empty() {
        return new TransformationChain(List.of(), "");
    }

    public List<Transformation> transformations() {
        return transformations;
    }

    public boolean isEmpty() {
        return transformations.isEmpty();
    }

    /**
     * @param raw  the JSON-decoded list (null means none)
     * @param path field path of the list, for problems
     * @throws ConfigError naming every entry and setting at fault
     */
    public static TransformationChain parse(Object raw, String path) {
        if (raw == null) {
            return new TransformationChain(List.of(), path);
        }
        if (!(raw instanceof List<?> list)) {
            throw new ConfigError(path, "must be a list of {\"type\": ..., \"config\": {...}}");
        }
        if (list.size() > MAX_STEPS) {
            throw new ConfigError(path, "at most " + MAX_STEPS + " transformations per table");
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<Transformation> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            Transformation t = entry(list.get(i), at, problems);
            if (t != null) {
                out.add(t);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        return new TransformationChain(out, path);
    }

    @SuppressWarnings("unchecked")
    private static Transformation entry(Object raw, String at, List<FieldProblem> problems) {
        if (!(raw instanceof Map<?, ?> entry)) {
            problems.add(new FieldProblem(at, "must be an object {\"type\": ..., \"config\": {...}}"));
            return null;
        }
        for (Object key : entry.keySet()) {
            if (!"type".equals(key) && !"config".equals(key)) {
                problems.add(new FieldProblem(at + "." + key, "unknown setting; known: [type, config]"));
            }
        }
        Object typeName = entry.get("type");
        TransformationType type = typeName instanceof String s ? TransformationType.fromWire(s) : null;
        if (type == null) {
            problems.add(new FieldProblem(at + ".type", (typeName == null ? "is required" : "unknown type '" + typeName + "'")
                    + "; one of " + java.util.Arrays.stream(TransformationType.values()).map(TransformationType::wireName).toList()));
            return null;
        }
        Object config = entry.get("config");
        if (config != null && !(config instanceof Map<?, ?>)) {
            problems.add(new FieldProblem(at + ".config", "must be an object"));
            return null;
        }
        ConfigReader reader = new ConfigReader(config == null ? Map.of() : (Map<String, Object>) config, type.fields());
        Transformation t = type.build(reader);
        if (!reader.problems().isEmpty()) {
            reader.problems().forEach(p -> problems.add(new FieldProblem(at + "." + p.field(), p.message())));
            return null;
        }
        return t;
    }

    /** Whether a transformation needs the table's whole row set (not allowed with change data capture). */
    public List<Integer> rowSetIndexes() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < transformations.size(); i++) {
            if (transformations.get(i).type().rowSet()) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Binds each transformation to the previous one's output, so order matters: a column renamed at step 1 is
     * known by its new name from step 2 on.
     *
     * @throws ConfigError naming the first transformation that does not fit, e.g.
     *                     {@code ...customers[2].config.column: unknown column "x"}
     */
    public Pipeline bind(TableSchema input, TransformContext context) {
        List<Step> steps = new ArrayList<>();
        TableSchema schema = input;
        for (int i = 0; i < transformations.size(); i++) {
            try {
                Step step = transformations.get(i).bind(schema, context);
                steps.add(step);
                schema = step.output();
            } catch (ConfigError e) {
                String at = path + "[" + i + "]";
                throw new ConfigError(e.problems().stream()
                        .map(p -> new FieldProblem(at + "." + p.field(), p.message())).toList());
            }
        }
        return new Pipeline(input, steps);
    }
}
