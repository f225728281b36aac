package io.dtaas.variables;

import io.dtaas.error.ConfigError;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Text and path rendering: plain values, one path segment each, no climbing out of the folder. */
class TextTemplatesTest {

    private static final ResolvedVariables V = new ResolvedVariables(Map.of(
            "day", new VariableValue.Date(LocalDate.of(2026, 11, 26)),
            "at", new VariableValue.Moment(Instant.parse("2026-11-26T09:05:01Z")),
            "tenant", new VariableValue.Text("acme"),
            "up", new VariableValue.Text(".."),
            "slash", new VariableValue.Text("a/../../etc"),
            "nothing", new VariableValue.Null()));

    @Test
    void pathsTakeEachValueAsOneSegment() {
        assertThat(V.path("exports/{{tenant}}/{{ day }}/", "connection_config.prefix")).isEqualTo("exports/acme/2026-11-26/");
        assertThat(V.text("at {{at}} for {{tenant}}{{nothing}}", "v")).isEqualTo("at 2026-11-26T09:05:01Z for acme");
    }

    @Test
    void pathTraversalAndNullsAreRefused() {
        assertThatThrownBy(() -> V.path("exports/{{up}}/x", "connection_config.prefix")).isInstanceOf(ConfigError.class)
                .hasMessage("connection_config.prefix: variable {{up}} cannot be part of a path: its value is '..'");
        assertThatThrownBy(() -> V.path("exports/{{slash}}", "p"))
                .hasMessage("p: variable {{slash}} cannot be part of a path: its value holds a path separator ('a/../../etc')");
        assertThatThrownBy(() -> V.path("exports/{{nothing}}", "p")).hasMessageContaining("is null");
        assertThatThrownBy(() -> V.path("exports/{{missing}}", "p")).hasMessage("p: unknown variable {{missing}}");
    }

    @Test
    void textWithoutReferencesIsUnchangedAndBracesAloneAreFine() {
        assertThat(V.text("a { b } c }}", "v")).isEqualTo("a { b } c }}");
        assertThatThrownBy(() -> V.text("{{ 1x }}", "v")).hasMessageContaining("is not a variable reference");
    }
}
