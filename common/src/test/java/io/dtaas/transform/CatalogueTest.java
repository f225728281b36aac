package io.dtaas.transform;

import io.dtaas.error.ConfigError;
import io.dtaas.error.FieldProblem;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalogue agrees with itself and with its documentation. */
class CatalogueTest {

    @Test
    void everyTypeRefusesAnEmptyConfigNamingItsRequiredFields() {
        for (TransformationType type : TransformationType.values()) {
            List<String> required = type.fields().stream().filter(TypeField::required).map(f -> "t[0].config." + f.name()).toList();
            Object chain = List.of(Map.of("type", type.wireName(), "config", Map.of()));
            if (required.isEmpty()) {
                TransformationChain.parse(chain, "t");
                continue;
            }
            assertThatThrownBy(() -> TransformationChain.parse(chain, "t")).as(type.wireName())
                    .isInstanceOfSatisfying(ConfigError.class, e ->
                            assertThat(e.problems()).extracting(FieldProblem::field).containsAll(required));
        }
    }

    @Test
    void everyTypeRefusesUnknownSettings() {
        for (TransformationType type : TransformationType.values()) {
            Object chain = List.of(Map.of("type", type.wireName(), "config", Map.of("no_such_setting", 1)));
            assertThatThrownBy(() -> TransformationChain.parse(chain, "t")).as(type.wireName())
                    .isInstanceOfSatisfying(ConfigError.class, e -> assertThat(e.problems())
                            .anySatisfy(p -> assertThat(p.field()).isEqualTo("t[0].config.no_such_setting")));
        }
    }

    @Test
    void onlyRowSetTypesAreRefusedForCdc() {
        assertThat(TransformationType.catalogue().stream().filter(i -> !i.cdcAllowed()).map(TransformationType.Info::type))
                .containsExactlyInAnyOrder("deduplicate", "sort", "limit", "aggregate");
        assertThat(TransformationType.catalogue()).hasSize(23);
    }

    @Test
    void docsDescribeEveryTypeAndSetting() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "transformations.md"));
        for (TransformationType type : TransformationType.values()) {
            int row = docs.indexOf("| `" + type.wireName() + "` |");
            assertThat(row).as("a table row for " + type.wireName()).isPositive();
            String line = docs.substring(row, docs.indexOf('\n', row));
            for (TypeField field : type.fields()) {
                assertThat(line).as(type.wireName() + " documents " + field.name()).contains("`" + field.name() + "`");
            }
        }
    }
}
