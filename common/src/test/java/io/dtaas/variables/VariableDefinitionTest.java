package io.dtaas.variables;

import io.dtaas.error.ConfigError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Definitions from the API's variable_type and config, each bad field named; resolution of static and context. */
class VariableDefinitionTest {

    private static final ExecutionContext CONTEXT = new ExecutionContext(new ExecutionContext.TaskFacts(3, "nightly",
            new ExecutionContext.ConnectorFacts(1, "prod", "postgresql", "shop", "db.example.com"),
            new ExecutionContext.ConnectorFacts(2, "lake", "s3", null, null)), 42L, Instant.parse("2026-11-26T00:30:00Z"));

    @Test
    void staticValuesKeepTheirJsonTypeOrTheDeclaredOne() {
        assertThat(value(Map.of("value", "12345"))).isEqualTo(new VariableValue.Text("12345"));
        assertThat(value(Map.of("value", 12345))).isEqualTo(new VariableValue.Int(12345));
        assertThat(value(Map.of("value", 1.5))).isEqualTo(new VariableValue.Decimal(new BigDecimal("1.5")));
        assertThat(value(Map.of("value", true))).isEqualTo(new VariableValue.Bool(true));
        assertThat(value(Map.of("value", "2026-01-31", "value_type", "date")))
                .isEqualTo(new VariableValue.Date(LocalDate.of(2026, 1, 31)));
        assertThat(value(Map.of("value", "2026-01-31 10:00:00", "value_type", "timestamp")))
                .isEqualTo(new VariableValue.Timestamp(LocalDateTime.of(2026, 1, 31, 10, 0)));
        assertThat(value(Map.of("value", "2026-01-31T10:00:00Z", "value_type", "timestamp")))
                .isEqualTo(new VariableValue.Moment(Instant.parse("2026-01-31T10:00:00Z")));
        assertThat(value(Map.of("value", "42", "value_type", "integer"))).isEqualTo(new VariableValue.Int(42));
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("value", null);
        assertThat(value(nullValue)).isEqualTo(new VariableValue.Null());
    }

    @Test
    void storedSettingsReadBackAsTheSameValue() {
        for (Map<String, Object> config : List.<Map<String, Object>>of(Map.of("value", 1.25), Map.of("value", 7),
                Map.of("value", "text"), Map.of("value", false), Map.of("value", "2026-01-31", "value_type", "date"),
                Map.of("value", "2026-01-31T10:00:00.5Z", "value_type", "timestamp"),
                Map.of("value", "2026-01-31 10:00", "value_type", "timestamp"))) {
            VariableDefinition stored = VariableDefinition.from("static", config);
            assertThat(value(stored.config())).as(config.toString()).isEqualTo(value(config));
        }
        assertThat(VariableDefinition.from("static", Map.of("value", 1.25)).config())
                .isEqualTo(Map.of("value", "1.25", "value_type", "decimal"));
        VariableDefinition query = VariableDefinition.from("db_query", Map.of("query", "SELECT 1;"));
        // kept as written: the server's own rules decide at run time what the one statement is
        assertThat(query.config()).containsEntry("query", "SELECT 1;").containsEntry("timeout_seconds", 30);
        assertThat(VariableDefinition.from("db_query", query.config())).isEqualTo(query);
    }

    @Test
    void badSettingsNameEveryField() {
        assertThatThrownBy(() -> VariableDefinition.from("static", Map.of("value", "x", "value_type", "date")))
                .hasMessageStartingWith("config.value: is not a valid date");
        assertThatThrownBy(() -> VariableDefinition.from("static", Map.of("value", List.of(1))))
                .hasMessage("config.value: a list cannot be a variable's value; use text, a number, a date, a timestamp or a boolean");
        assertThatThrownBy(() -> VariableDefinition.from("static", Map.of("valu", 1)))
                .isInstanceOf(ConfigError.class).satisfies(e -> assertThat(((ConfigError) e).problems())
                        .extracting(p -> p.field()).containsExactlyInAnyOrder("config.value", "config.valu"));
        assertThatThrownBy(() -> VariableDefinition.from("db_query", Map.of("connector_id", "x", "query", "DELETE FROM t",
                "timeout_seconds", 0))).satisfies(e -> assertThat(((ConfigError) e).problems()).extracting(p -> p.field())
                .containsExactly("config.connector_id", "config.query", "config.timeout_seconds"));
        assertThatThrownBy(() -> VariableDefinition.from("db_query", Map.of("query", "SELECT {{x}}")))
                .hasMessage("config.query: a db_query variable cannot use other {{variables}}");
        assertThatThrownBy(() -> VariableDefinition.from("context", Map.of("path", "task.secret")))
                .hasMessageStartingWith("config.path: unknown path 'task.secret'; one of [task.id, task.name,");
        assertThatThrownBy(() -> VariableDefinition.from("magic", Map.of()))
                .hasMessage("variable_type: unknown value 'magic'; expected one of [static, db_query, context]");
    }

    @Test
    void contextPathsReadTheExecutionAndItsTask() {
        VariableResolver resolver = new VariableResolver((c, sql, t) -> {
            throw new AssertionError("no query expected");
        });
        Map<String, VariableDefinition> defs = Map.of(
                "source_db", VariableDefinition.from("context", Map.of("path", "source_connector.database")),
                "day", VariableDefinition.from("context", Map.of("path", "today")),
                "run", VariableDefinition.from("context", Map.of("path", "execution.id")),
                "task", VariableDefinition.from("context", Map.of("path", "task.name")),
                "lake_db", VariableDefinition.from("context", Map.of("path", "destination_connector.database")));
        ResolvedVariables r = resolver.resolveAll(Set.of("source_db", "day", "run", "task", "lake_db"), defs, CONTEXT);
        assertThat(r.asObjects()).containsEntry("source_db", "shop").containsEntry("day", LocalDate.of(2026, 11, 26))
                .containsEntry("run", 42L).containsEntry("task", "nightly").containsEntry("lake_db", null);
        assertThat(r.recorded()).containsEntry("day", Map.of("value", "2026-11-26", "value_type", "date"));
        ExecutionContext noTask = new ExecutionContext(null, null, Instant.parse("2026-11-26T00:30:00Z"));
        assertThatThrownBy(() -> resolver.resolve("task", defs.get("task"), noTask))
                .hasMessage("task_id: context path task.name reads a task; give the task_id to resolve it for");
        assertThatThrownBy(() -> resolver.resolveAll(Set.of("ghost"), defs, CONTEXT))
                .hasMessageContaining("unknown variable {{ghost}}");
    }

    private static VariableValue value(Map<String, Object> config) {
        return ((VariableDefinition.Static) VariableDefinition.from("static", config)).value();
    }
}
