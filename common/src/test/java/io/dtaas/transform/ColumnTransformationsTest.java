package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableSchema;
import io.dtaas.error.ConfigError;
import io.dtaas.error.DataError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static io.dtaas.data.ColumnKind.BINARY;
import static io.dtaas.data.ColumnKind.BOOLEAN;
import static io.dtaas.data.ColumnKind.DATE;
import static io.dtaas.data.ColumnKind.FLOAT64;
import static io.dtaas.data.ColumnKind.INT32;
import static io.dtaas.data.ColumnKind.INT64;
import static io.dtaas.data.ColumnKind.STRING;
import static io.dtaas.data.ColumnKind.TIMESTAMP;
import static io.dtaas.data.ColumnKind.TIMESTAMP_TZ;
import static io.dtaas.data.ColumnKind.UUID;
import static io.dtaas.transform.Chains.bind;
import static io.dtaas.transform.Chains.list;
import static io.dtaas.transform.Chains.row;
import static io.dtaas.transform.Chains.run;
import static io.dtaas.transform.Chains.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every column transformation, with NULLs and edge cases. */
class ColumnTransformationsTest {

    private static final TableSchema PEOPLE = schema("*emp_id", INT32, "name", STRING, "email", STRING);

    @Test
    void theSeedExampleRunsAsWritten() {
        Pipeline p = bind(PEOPLE, """
                [{`type`: `uppercase`, `config`: {`column`: `email`}},
                 {`type`: `trim`, `config`: {`column`: `name`}},
                 {`type`: `rename_column`, `config`: {`old_name`: `emp_id`, `new_name`: `employee_id`}}]""");
        assertThat(p.output().columns()).extracting(Column::name).containsExactly("employee_id", "name", "email");
        assertThat(p.output().primaryKey()).containsExactly("employee_id");
        assertThat(run(p, row(1, "  Ann ", "ann@x.io"), row(2, null, null)))
                .containsExactly(list(1, "Ann", "ANN@X.IO"), list(2, null, null));
        assertThat(p.unchanged("emp_id")).contains("employee_id");
        assertThat(p.unchanged("email")).isEmpty();
    }

    @Test
    void renameKeepsValuesAndRefusesTakenNames() {
        Pipeline p = bind(PEOPLE, "[{`type`: `rename_column`, `config`: {`old_name`: `name`, `new_name`: `full_name`}}]");
        assertThat(run(p, row(1, "a", "b"))).containsExactly(list(1, "a", "b"));
        assertProblem(PEOPLE, "[{`type`: `rename_column`, `config`: {`old_name`: `name`, `new_name`: `email`}}]",
                "t[0].config.new_name", "column \"email\" already exists");
        assertProblem(PEOPLE, "[{`type`: `rename_column`, `config`: {`old_name`: `nme`, `new_name`: `x`}}]",
                "t[0].config.old_name", "unknown column \"nme\"");
    }

    @Test
    void orderMattersARenamedColumnIsKnownByItsNewNameOnly() {
        bind(PEOPLE, """
                [{`type`: `rename_column`, `config`: {`old_name`: `name`, `new_name`: `full_name`}},
                 {`type`: `uppercase`, `config`: {`column`: `full_name`}}]""");
        assertProblem(PEOPLE, """
                [{`type`: `rename_column`, `config`: {`old_name`: `name`, `new_name`: `full_name`}},
                 {`type`: `uppercase`, `config`: {`column`: `name`}}]""", "t[1].config.column", "unknown column \"name\"");
    }

    @Test
    void dropRemovesTheColumnAndAKeyItBelongedTo() {
        Pipeline p = bind(PEOPLE, "[{`type`: `drop_column`, `config`: {`column`: `emp_id`}}]");
        assertThat(p.output().columns()).extracting(Column::name).containsExactly("name", "email");
        assertThat(p.output().primaryKey()).isEmpty();
        assertThat(run(p, row(1, "a", null))).containsExactly(list("a", null));
        assertProblem(schema("a", INT32), "[{`type`: `drop_column`, `config`: {`column`: `a`}}]", "t[0].config.column",
                "only column left");
    }

    @Test
    void castConvertsEveryTargetTypeAndNullsStayNull() {
        TableSchema in = schema("s", STRING, "n", ColumnType.decimal(10, 3), "d", DOUBLE(), "ts", TIMESTAMP, "b", BOOLEAN);
        Pipeline p = bind(in, """
                [{`type`: `cast`, `config`: {`column`: `s`, `data_type`: `decimal(8,2)`}},
                 {`type`: `cast`, `config`: {`column`: `n`, `data_type`: `int`}},
                 {`type`: `cast`, `config`: {`column`: `d`, `data_type`: `string`}},
                 {`type`: `cast`, `config`: {`column`: `ts`, `data_type`: `date`}},
                 {`type`: `cast`, `config`: {`column`: `b`, `data_type`: `bigint`}}]""");
        assertThat(p.output().columns()).extracting(c -> c.type().kind())
                .containsExactly(ColumnKind.DECIMAL, INT32, STRING, DATE, INT64);
        assertThat(p.output().columns().get(0).type()).isEqualTo(ColumnType.decimal(8, 2));
        assertThat(run(p, row(" 12.345 ", new BigDecimal("2.500"), 1.5, LocalDateTime.of(2024, 1, 2, 3, 4), true),
                row(null, null, null, null, null)))
                .containsExactly(list(new BigDecimal("12.35"), 3, "1.5", LocalDate.of(2024, 1, 2), 1L),
                        list(null, null, null, null, null));
    }

    @Test
    void castReadsDatesAndTimestampsWithAFormat() {
        Pipeline p = bind(schema("d", STRING, "t", STRING, "flag", STRING), """
                [{`type`: `cast`, `config`: {`column`: `d`, `data_type`: `date`, `format`: `dd/MM/yyyy`}},
                 {`type`: `cast`, `config`: {`column`: `t`, `data_type`: `timestamp`}},
                 {`type`: `cast`, `config`: {`column`: `flag`, `data_type`: `boolean`}}]""");
        assertThat(run(p, row("31/01/2024", "2024-01-31 13:45:00", "Yes")))
                .containsExactly(list(LocalDate.of(2024, 1, 31), LocalDateTime.of(2024, 1, 31, 13, 45), true));
    }

    @Test
    void castFailsOnABadValueUnlessOnErrorIsNull() {
        String fail = "[{`type`: `cast`, `config`: {`column`: `s`, `data_type`: `integer`}}]";
        assertThatThrownBy(() -> run(bind(schema("s", STRING), fail), row("12x")))
                .isInstanceOf(DataError.class).hasMessageContaining("column \"s\"").hasMessageContaining("'12x'");
        assertThatThrownBy(() -> run(bind(schema("s", STRING), fail), row("99999999999")))
                .isInstanceOf(DataError.class);
        Pipeline lenient = bind(schema("s", STRING),
                "[{`type`: `cast`, `config`: {`column`: `s`, `data_type`: `integer`, `on_error`: `null`}}]");
        assertThat(run(lenient, row("12x"), row("7"))).containsExactly(list((Object) null), list(7));
        assertThatThrownBy(() -> run(bind(schema("n", ColumnType.decimal(10, 2)),
                "[{`type`: `cast`, `config`: {`column`: `n`, `data_type`: `decimal`, `precision`: 3, `scale`: 2}}]"),
                row(new BigDecimal("12.34")))).isInstanceOf(DataError.class).hasMessageContaining("too large");
        assertProblem(schema("d", DATE), "[{`type`: `cast`, `config`: {`column`: `d`, `data_type`: `integer`}}]",
                "t[0].config.data_type", "cannot be cast to integer");
        assertProblem(schema("d", DATE), "[{`type`: `cast`, `config`: {`column`: `d`, `data_type`: `money`}}]",
                "t[0].config.data_type", "unknown type 'money'");
    }

    @Test
    void textCaseAndTrimming() {
        TableSchema in = schema("a", STRING, "b", STRING, "c", STRING, "u", UUID);
        Pipeline p = bind(in, """
                [{`type`: `lowercase`, `config`: {`column`: `a`}},
                 {`type`: `trim`, `config`: {`column`: `b`, `side`: `left`}},
                 {`type`: `trim`, `config`: {`column`: `c`, `side`: `right`}},
                 {`type`: `uppercase`, `config`: {`column`: `u`}}]""");
        assertThat(run(p, row("ÄB", "  x  ", "  y  ", "ab-cd"), row(null, null, null, null)))
                .containsExactly(list("äb", "x  ", "  y", "AB-CD"), list(null, null, null, null));
        assertThat(p.output().columns().get(3).type()).isEqualTo(ColumnType.of(STRING));
        assertProblem(schema("n", INT32), "[{`type`: `uppercase`, `config`: {`column`: `n`}}]", "t[0].config.column",
                "uppercase works on text, and column \"n\" is int32");
        assertProblem(schema("s", STRING), "[{`type`: `trim`, `config`: {`column`: `s`, `side`: `middle`}}]",
                "t[0].config.side", "must be one of [both, left, right]");
    }

    @Test
    void prefixAndSuffixTakeVariables() {
        Pipeline p = bind(schema("s", STRING), """
                [{`type`: `add_prefix`, `config`: {`column`: `s`, `prefix`: `{{tenant}}-`}},
                 {`type`: `add_suffix`, `config`: {`column`: `s`, `suffix`: ``}}]""", Map.of("tenant", "acme"));
        assertThat(run(p, row("1"), row((Object) null))).containsExactly(list("acme-1"), list((Object) null));
        assertProblem(schema("s", STRING), "[{`type`: `add_prefix`, `config`: {`column`: `s`, `prefix`: `{{nope}}`}}]",
                "t[0].config.prefix", "unknown variable {{nope}}");
    }

    @Test
    void replaceLiterallyOrByRegex() {
        Pipeline p = bind(schema("a", STRING, "b", STRING), """
                [{`type`: `replace`, `config`: {`column`: `a`, `find`: `.`, `replacement`: `$`}},
                 {`type`: `replace`, `config`: {`column`: `b`, `find`: `(\\\\d+)-(\\\\d+)`, `replacement`: `$2/$1`, `regex`: true}}]""");
        assertThat(run(p, row("a.b.c", "10-20 x 3-4"), row(null, null)))
                .containsExactly(list("a$b$c", "20/10 x 4/3"), list(null, null));
        assertProblem(schema("a", STRING), "[{`type`: `replace`, `config`: {`column`: `a`, `find`: `(`, `regex`: true}}]",
                "t[0].config.find", "invalid regular expression: missing closing ) `(`");
    }

    @Test
    void fillNullReadsTheValueAsTheColumnsType() {
        TableSchema in = schema("n", INT32, "d", DATE, "s", STRING);
        Pipeline p = bind(in, """
                [{`type`: `fill_null`, `config`: {`column`: `n`, `value`: 0}},
                 {`type`: `fill_null`, `config`: {`column`: `d`, `value`: `2024-01-31`}},
                 {`type`: `fill_null`, `config`: {`column`: `s`, `value`: `{{who}}`}}]""", Map.of("who", "nobody"));
        assertThat(run(p, row(null, null, null), row(5, LocalDate.of(2000, 1, 1), "x")))
                .containsExactly(list(0, LocalDate.of(2024, 1, 31), "nobody"), list(5, LocalDate.of(2000, 1, 1), "x"));
        assertThat(p.output().columns()).allSatisfy(c -> assertThat(c.nullable()).isFalse());
        assertProblem(in, "[{`type`: `fill_null`, `config`: {`column`: `n`, `value`: `abc`}}]", "t[0].config.value",
                "cannot fill column \"n\" (int32)");
        assertProblem(in, "[{`type`: `fill_null`, `config`: {`column`: `n`}}]", "t[0].config.value", "is required");
    }

    @Test
    void addColumnFromAConstantAVariableOrAnExpression() {
        TableSchema in = schema("price", ColumnType.decimal(10, 2), "qty", INT32);
        Pipeline p = bind(in, """
                [{`type`: `add_column`, `config`: {`name`: `source`, `value`: `shop-{{tenant}}`}},
                 {`type`: `add_column`, `config`: {`name`: `batch`, `value`: `{{batch}}`}},
                 {`type`: `add_column`, `config`: {`name`: `total`, `expression`: `price * qty`}},
                 {`type`: `add_column`, `config`: {`name`: `flag`, `value`: `1`, `data_type`: `boolean`}},
                 {`type`: `add_column`, `config`: {`name`: `nothing`, `value`: null}}]""",
                Map.of("tenant", "acme", "batch", 42L));
        assertThat(p.output().columns()).extracting(c -> c.type().kind())
                .containsExactly(ColumnKind.DECIMAL, INT32, STRING, INT64, ColumnKind.DECIMAL, BOOLEAN, STRING);
        assertThat(run(p, row(new BigDecimal("2.50"), 3), row(null, 1)))
                .containsExactly(list(new BigDecimal("2.50"), 3, "shop-acme", 42L, new BigDecimal("7.50"), true, null),
                        list(null, 1, "shop-acme", 42L, null, true, null));
        assertProblem(in, "[{`type`: `add_column`, `config`: {`name`: `qty`, `value`: 1}}]", "t[0].config.name",
                "already exists");
        assertProblem(in, "[{`type`: `add_column`, `config`: {`name`: `x`}}]", "t[0].config.value", "not neither");
        assertProblem(in, "[{`type`: `add_column`, `config`: {`name`: `x`, `expression`: `price *`}}]",
                "t[0].config.expression", "invalid expression at position 8");
        assertProblem(in, "[{`type`: `add_column`, `config`: {`name`: `x`, `expression`: `prize * 2`}}]",
                "t[0].config.expression", "at position 1: unknown column \"prize\"");
    }

    @Test
    void maskKeepsTheLastCharactersOrDigits() {
        Pipeline p = bind(schema("card", STRING, "phone", STRING, "short", STRING), """
                [{`type`: `mask`, `config`: {`column`: `card`, `digits_only`: true}},
                 {`type`: `mask`, `config`: {`column`: `phone`, `keep_last`: 2, `mask_char`: `#`}},
                 {`type`: `mask`, `config`: {`column`: `short`}}]""");
        assertThat(run(p, row("4111-1111-1111-1234", "5551234", "abc"), row(null, "", null)))
                .containsExactly(list("****-****-****-1234", "#####34", "abc"), list(null, "", null));
    }

    @Test
    void hashGivesHexDigestsWithAnOptionalSalt() {
        Pipeline p = bind(schema("a", STRING, "b", STRING, "n", INT64, "bin", BINARY), """
                [{`type`: `hash`, `config`: {`column`: `a`}},
                 {`type`: `hash`, `config`: {`column`: `b`, `algorithm`: `md5`, `salt`: `s`}},
                 {`type`: `hash`, `config`: {`column`: `n`}},
                 {`type`: `hash`, `config`: {`column`: `bin`, `algorithm`: `md5`}}]""");
        assertThat(run(p, row("abc", "x", 1L, new byte[]{'x'}), row(null, null, null, null))).containsExactly(
                list("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "2c38b9e45cec1b324dde4e3d5b22c648",
                        "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b", "9dd4e461268c8034f5c8564e155c67a6"),
                list(null, null, null, null));
        assertThat(p.output().columns().get(2).type().kind()).isEqualTo(STRING);
    }

    @Test
    void unknownTypesSettingsAndShapesAreNamed() {
        assertProblem(PEOPLE, "[{`type`: `upper`, `config`: {`column`: `name`}}]", "t[0].type", "unknown type 'upper'");
        assertProblem(PEOPLE, "[{`config`: {}}]", "t[0].type", "is required");
        assertProblem(PEOPLE, "[{`type`: `uppercase`, `config`: {`column`: `name`, `colour`: 1}}]", "t[0].config.colour",
                "unknown setting");
        assertProblem(PEOPLE, "[{`type`: `uppercase`}]", "t[0].config.column", "is required");
        assertProblem(PEOPLE, "[1]", "t[0]", "must be an object");
        assertProblem(PEOPLE, "{`a`: 1}", "t", "must be a list");
        assertThatThrownBy(() -> bind(PEOPLE, """
                [{`type`: `uppercase`, `config`: {}}, {`type`: `lowercase`, `config`: {}}]"""))
                .isInstanceOfSatisfying(ConfigError.class, e -> assertThat(e.problems()).extracting(p -> p.field())
                        .containsExactly("t[0].config.column", "t[1].config.column"));
    }

    static void assertProblem(TableSchema in, String chain, String field, String message) {
        assertThatThrownBy(() -> bind(in, chain)).isInstanceOfSatisfying(ConfigError.class, e ->
                assertThat(e.problems()).anySatisfy(p -> {
                    assertThat(p.field()).isEqualTo(field);
                    assertThat(p.message()).contains(message);
                }));
    }

    private static ColumnType DOUBLE() {
        return ColumnType.of(FLOAT64);
    }

    @Test
    void timestampsWithZoneAreReadInUtc() {
        Pipeline p = bind(schema("at", TIMESTAMP_TZ), "[{`type`: `cast`, `config`: {`column`: `at`, `data_type`: `timestamp`}}]");
        assertThat(run(p, row(Instant.parse("2024-05-01T22:30:00Z")))).containsExactly(list(LocalDateTime.of(2024, 5, 1, 22, 30)));
        assertThat(List.of(p.output().columns().get(0).type().kind())).containsExactly(TIMESTAMP);
    }
}
