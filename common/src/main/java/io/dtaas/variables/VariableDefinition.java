package io.dtaas.variables;

import io.dtaas.connect.jdbc.SqlStatementGuard;
import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.google.re2j.Pattern;

/** How a global variable gets its value: fixed, from a database query, or from the execution's context. */
public sealed interface VariableDefinition {

    List<String> TYPES = List.of("static", "db_query", "context");

    /** {@code static}, {@code db_query} or {@code context}. */
    String variableType();

    /** The settings as stored and shown ({@code config}). */
    Map<String, Object> config();

    /** A fixed value. */
    record Static(VariableValue value, String declaredType) implements VariableDefinition {
        public String variableType() {
            return "static";
        }

        /** Keeps {@code value_type} where JSON alone would lose the type (decimals, dates, timestamps are strings). */
        public Map<String, Object> config() {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("value", value.json());
            boolean jsonKeepsType = !(value.json() instanceof String) || value instanceof VariableValue.Text;
            if (declaredType != null || !jsonKeepsType) {
                config.put("value_type", declaredType != null ? declaredType : value.valueType());
            }
            return config;
        }
    }

    /**
     * One value read by a read-only query.
     *
     * @param connectorId the connector to query; null: the source connector of the task being run
     */
    record DbQuery(Long connectorId, String query, int timeoutSeconds) implements VariableDefinition {
        public static final int DEFAULT_TIMEOUT = 30;
        public static final int MAX_TIMEOUT = 300;

        public String variableType() {
            return "db_query";
        }

        public Map<String, Object> config() {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("connector_id", connectorId);
            config.put("query", query);
            config.put("timeout_seconds", timeoutSeconds);
            return config;
        }
    }

    /** A fact about the execution or its task. */
    record Context(ContextPath path) implements VariableDefinition {
        public String variableType() {
            return "context";
        }

        public Map<String, Object> config() {
            return Map.of("path", path.path());
        }
    }

    /**
     * Validates a type and its settings.
     *
     * @throws ConfigError naming {@code variable_type} or each bad {@code config.<field>}
     */
    static VariableDefinition from(String type, Map<String, Object> config) {
        Map<String, Object> in = config == null ? Map.of() : config;
        if (type == null) {
            throw new ConfigError("variable_type", "is required; one of " + TYPES);
        }
        List<FieldProblem> problems = new ArrayList<>();
        VariableDefinition definition = switch (type) {
            case "static" -> {
                unknownKeys(in, Set.of("value", "value_type"), problems);
                yield StaticValues.parse(in, problems);
            }
            case "db_query" -> {
                unknownKeys(in, Set.of("connector_id", "query", "timeout_seconds"), problems);
                yield dbQuery(in, problems);
            }
            case "context" -> {
                unknownKeys(in, Set.of("path"), problems);
                yield context(in, problems);
            }
            default -> throw new ConfigError("variable_type", "unknown value '" + type + "'; expected one of " + TYPES);
        };
        if (!problems.isEmpty()) {
            throw new ConfigError(problems);
        }
        return definition;
    }

    private static DbQuery dbQuery(Map<String, Object> in, List<FieldProblem> problems) {
        Long connector = null;
        Object c = in.get("connector_id");
        if (c instanceof Integer || c instanceof Long) {
            connector = ((Number) c).longValue();
        } else if (c != null) {
            problems.add(new FieldProblem("config.connector_id", "must be the id of a connector"));
        }
        String query = null;
        if (!(in.get("query") instanceof String q) || q.isBlank()) {
            problems.add(new FieldProblem("config.query", "is required: one SELECT answering one value"));
        } else if (Pattern.compile("\\{\\{\\s*[A-Za-z_]\\w*\\s*}}").matcher(q).find()) {
            problems.add(new FieldProblem("config.query", "a db_query variable cannot use other {{variables}}"));
        } else {
            try {
                query = SqlStatementGuard.precheck(q); // judged by the server's rules when it runs
            } catch (ConfigError e) {
                e.problems().forEach(p -> problems.add(new FieldProblem("config.query", p.message())));
            }
        }
        int timeout = DbQuery.DEFAULT_TIMEOUT;
        Object t = in.get("timeout_seconds");
        if (t != null) {
            if ((t instanceof Integer || t instanceof Long) && ((Number) t).longValue() >= 1
                    && ((Number) t).longValue() <= DbQuery.MAX_TIMEOUT) {
                timeout = ((Number) t).intValue();
            } else {
                problems.add(new FieldProblem("config.timeout_seconds",
                        "must be an integer from 1 to " + DbQuery.MAX_TIMEOUT));
            }
        }
        return new DbQuery(connector, query, timeout);
    }

    private static Context context(Map<String, Object> in, List<FieldProblem> problems) {
        Object p = in.get("path");
        ContextPath path = p instanceof String s ? ContextPath.fromPath(s.strip()) : null;
        if (path == null) {
            problems.add(new FieldProblem("config.path", (p == null ? "is required" : "unknown path '" + p + "'")
                    + "; one of " + ContextPath.PATHS));
        }
        return new Context(path);
    }

    private static void unknownKeys(Map<String, Object> in, Set<String> known, List<FieldProblem> problems) {
        in.keySet().stream().filter(k -> !known.contains(k)).sorted().forEach(k -> problems.add(
                new FieldProblem("config." + k, "unknown setting; known: " + known.stream().sorted().toList())));
    }
}
