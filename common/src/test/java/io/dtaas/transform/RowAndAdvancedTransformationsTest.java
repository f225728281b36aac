package io.dtaas.transform;

import io.dtaas.data.Column;
import io.dtaas.data.ColumnKind;
import io.dtaas.data.ColumnType;
import io.dtaas.data.TableSchema;
import io.dtaas.error.DataError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static io.dtaas.data.ColumnKind.DATE;
import static io.dtaas.data.ColumnKind.FLOAT64;
import static io.dtaas.data.ColumnKind.INT32;
import static io.dtaas.data.ColumnKind.INT64;
import static io.dtaas.data.ColumnKind.STRING;
import static io.dtaas.data.ColumnKind.TIMESTAMP;
import static io.dtaas.data.ColumnKind.TIMESTAMP_TZ;
import static io.dtaas.transform.Chains.bind;
import static io.dtaas.transform.Chains.list;
import static io.dtaas.transform.Chains.row;
import static io.dtaas.transform.Chains.run;
import static io.dtaas.transform.Chains.schema;
import static io.dtaas.transform.ColumnTransformationsTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Row and advanced transformations, with NULLs and edge cases. */
class RowAndAdvancedTransformationsTest {

    private static final TableSchema ORDERS = schema("*id", INT32, "customer", STRING,
            "amount", ColumnType.decimal(10, 2), "status", STRING);

    private static Object[] order(int id, String customer, String amount, String status) {
        return row(id, customer, amount == null ? null : new BigDecimal(amount), status);
    }

    @Test
    void filterKeepsOnlyRowsWhereTheConditionIsTrue() {
        Pipeline p = bind(ORDERS, "[{`type`: `filter_rows`, `config`: {`condition`: "
                + "`amount > {{min}} AND status IN ('paid','shipped')`}}]", Map.of("min", 100L));
        assertThat(run(p, order(1, "a", "150", "paid"), order(2, "b", "50", "paid"), order(3, "c", null, "paid"),
                order(4, "d", "500", null), order(5, "e", "101", "shipped")))
                .extracting(r -> r.get(0)).containsExactly(1, 5);
        assertThat(p.hasRowSetStep()).isFalse();
        assertThat(p.applyRow(order(2, "b", "50", "paid"))).isNull();
        assertProblem(ORDERS, "[{`type`: `filter_rows`, `config`: {`condition`: `amount + 1`}}]", "t[0].config.condition",
                "must be a condition");
        assertProblem(ORDERS, "[{`type`: `filter_rows`, `config`: {`condition`: `amount > 1 AND`}}]",
                "t[0].config.condition", "invalid expression at position 15");
    }

    @Test
    void deduplicateKeepsFirstOrLastInReadOrder() {
        Object[][] rows = {order(1, "a", "1", "x"), order(2, "b", "2", "x"), order(3, "a", "3.00", "y"),
                order(4, null, "4", "y"), order(5, null, "5", "z")};
        Pipeline first = bind(ORDERS, "[{`type`: `deduplicate`, `config`: {`columns`: [`customer`]}}]");
        assertThat(run(first, rows)).extracting(r -> r.get(0)).containsExactly(1, 2, 4);
        Pipeline last = bind(ORDERS, "[{`type`: `deduplicate`, `config`: {`columns`: [`customer`], `keep`: `last`}}]");
        assertThat(run(last, rows)).extracting(r -> r.get(0)).containsExactly(2, 3, 5);
        Pipeline whole = bind(schema("a", INT32, "b", ColumnType.decimal(5, 2)), "[{`type`: `deduplicate`, `config`: {}}]");
        assertThat(run(whole, row(1, new BigDecimal("1.0")), row(1, new BigDecimal("1.00")), row(1, null), row(1, null)))
                .containsExactly(list(1, new BigDecimal("1.0")), list(1, null));
        assertThat(whole.hasRowSetStep()).isTrue();
        assertThatThrownBy(() -> whole.applyRow(row(1, null))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sortIsStableWithNullsLastAndPerColumnDirections() {
        Pipeline p = bind(ORDERS, "[{`type`: `sort`, `config`: {`columns`: [`status`, `amount desc`]}}]");
        assertThat(run(p, order(1, "a", "1", "y"), order(2, "b", null, "x"), order(3, "c", "3", "x"),
                order(4, "d", "3", "x"), order(5, "e", "9", null)))
                .extracting(r -> r.get(0)).containsExactly(3, 4, 2, 1, 5);
        Pipeline desc = bind(ORDERS, "[{`type`: `sort`, `config`: {`columns`: [`id`], `descending`: true}}]");
        assertThat(run(desc, order(1, "a", "1", "y"), order(2, "b", null, "x"))).extracting(r -> r.get(0))
                .containsExactly(2, 1);
        assertProblem(ORDERS, "[{`type`: `sort`, `config`: {`columns`: [`nope desc`]}}]", "t[0].config.columns[0]",
                "unknown column \"nope\"");
    }

    @Test
    void limitWithOffset() {
        Pipeline p = bind(ORDERS, """
                [{`type`: `sort`, `config`: {`columns`: [`id desc`]}},
                 {`type`: `limit`, `config`: {`count`: 2, `offset`: 1}}]""");
        assertThat(run(p, order(1, "a", "1", "x"), order(2, "b", "1", "x"), order(3, "c", "1", "x"), order(4, "d", "1", "x")))
                .extracting(r -> r.get(0)).containsExactly(3, 2);
        assertThat(run(bind(ORDERS, "[{`type`: `limit`, `config`: {`count`: 5, `offset`: 10}}]"), order(1, "a", "1", "x")))
                .isEmpty();
        assertThat(run(bind(ORDERS, "[{`type`: `limit`, `config`: {`count`: 0}}]"), order(1, "a", "1", "x"))).isEmpty();
        assertProblem(ORDERS, "[{`type`: `limit`, `config`: {`count`: -1}}]", "t[0].config.count", "between 0 and");
    }

    @Test
    void extractDateParts() {
        TableSchema in = schema("ts", TIMESTAMP, "d", DATE, "at", TIMESTAMP_TZ);
        Pipeline p = bind(in, """
                [{`type`: `extract_date_part`, `config`: {`column`: `ts`, `part`: `year`}},
                 {`type`: `extract_date_part`, `config`: {`column`: `ts`, `part`: `quarter`, `target`: `q`}},
                 {`type`: `extract_date_part`, `config`: {`column`: `ts`, `part`: `hour`}},
                 {`type`: `extract_date_part`, `config`: {`column`: `d`, `part`: `weekday`}},
                 {`type`: `extract_date_part`, `config`: {`column`: `d`, `part`: `epoch`}},
                 {`type`: `extract_date_part`, `config`: {`column`: `at`, `part`: `minute`}},
                 {`type`: `extract_date_part`, `config`: {`column`: `at`, `part`: `epoch`}}]""");
        assertThat(p.output().columns()).extracting(Column::name)
                .containsExactly("ts", "d", "at", "ts_year", "q", "ts_hour", "d_weekday", "d_epoch", "at_minute", "at_epoch");
        assertThat(p.output().columns().get(7).type().kind()).isEqualTo(INT64);
        assertThat(run(p, row(LocalDateTime.of(2024, 8, 15, 13, 5), LocalDate.of(2024, 1, 7), Instant.parse("2024-01-01T00:01:30Z")),
                row(null, null, null)))
                .containsExactly(list(LocalDateTime.of(2024, 8, 15, 13, 5), LocalDate.of(2024, 1, 7),
                                Instant.parse("2024-01-01T00:01:30Z"), 2024, 3, 13, 7, 1704585600L, 1, 1704067290L),
                        list(null, null, null, null, null, null, null, null, null, null));
        assertProblem(in, "[{`type`: `extract_date_part`, `config`: {`column`: `d`, `part`: `hour`}}]", "t[0].config.part",
                "is a date, which has no hour");
        assertProblem(schema("s", STRING), "[{`type`: `extract_date_part`, `config`: {`column`: `s`, `part`: `year`}}]",
                "t[0].config.column", "needs a date or timestamp");
    }

    @Test
    void dateFormatWritesTextInAPattern() {
        Pipeline p = bind(schema("d", DATE, "ts", TIMESTAMP, "s", STRING), """
                [{`type`: `date_format`, `config`: {`column`: `d`, `format`: `dd/MM/yyyy`}},
                 {`type`: `date_format`, `config`: {`column`: `ts`, `format`: `yyyy-MM-dd HH:mm`, `target`: `when`}},
                 {`type`: `date_format`, `config`: {`column`: `s`, `format`: `yyyy-MM-dd`, `input_format`: `MM/dd/yyyy`}}]""");
        assertThat(run(p, row(LocalDate.of(2024, 1, 31), LocalDateTime.of(2024, 1, 31, 9, 5), "12/24/2023"),
                row(null, null, null)))
                .containsExactly(list("31/01/2024", LocalDateTime.of(2024, 1, 31, 9, 5), "2023-12-24", "2024-01-31 09:05"),
                        list(null, null, null, null));
        assertProblem(schema("d", DATE), "[{`type`: `date_format`, `config`: {`column`: `d`, `format`: `HH:mm`}}]",
                "t[0].config.format", "does not fit column \"d\" (date)");
        assertProblem(schema("d", DATE), "[{`type`: `date_format`, `config`: {`column`: `d`, `format`: `yyyy-ppp-{`}}]",
                "t[0].config.format", "is not a valid date/time pattern");
        assertThatThrownBy(() -> run(bind(schema("s", STRING), "[{`type`: `date_format`, `config`: {`column`: `s`, "
                + "`format`: `yyyy`, `input_format`: `MM/dd/yyyy`}}]"), row("garbage")))
                .isInstanceOf(DataError.class).hasMessageContaining("'garbage'");
    }

    @Test
    void concatSkipsNulls() {
        Pipeline p = bind(schema("first", STRING, "last", STRING, "n", INT32), """
                [{`type`: `concat`, `config`: {`columns`: [`first`, `last`, `n`], `separator`: ` `, `target`: `full`}}]""");
        assertThat(run(p, row("Ann", "Lee", 3), row("Bo", null, null), row(null, null, null)))
                .extracting(r -> r.get(3)).containsExactly("Ann Lee 3", "Bo", null);
    }

    @Test
    void splitIntoColumnsOrByIndex() {
        Pipeline cols = bind(schema("full", STRING), """
                [{`type`: `split`, `config`: {`column`: `full`, `separator`: `, `, `targets`: [`a`, `b`]}}]""");
        assertThat(run(cols, row("x, y, z"), row("x"), row((Object) null)))
                .containsExactly(list("x, y, z", "x", "y, z"), list("x", "x", null), list(null, null, null));
        Pipeline byIndex = bind(schema("path", STRING), """
                [{`type`: `split`, `config`: {`column`: `path`, `separator`: `.`, `index`: 2, `target`: `third`}}]""");
        assertThat(run(byIndex, row("a.b.c.d"), row("a.b"), row("a..c"))).extracting(r -> r.get(1))
                .containsExactly("c", null, "c");
        assertProblem(schema("s", STRING), "[{`type`: `split`, `config`: {`column`: `s`, `separator`: `,`}}]",
                "t[0].config.targets", "give either targets");
    }

    @Test
    void conditionalIsCaseWhenWithOneBranch() {
        Pipeline p = bind(ORDERS, """
                [{`type`: `conditional`, `config`: {`target`: `tier`, `when`: `amount >= 1000`, `then`: `'gold'`, `else`: `'std'`}},
                 {`type`: `conditional`, `config`: {`target`: `status`, `when`: `status IS NULL`, `then`: `'unknown'`, `else`: `status`}},
                 {`type`: `conditional`, `config`: {`target`: `bonus`, `when`: `amount > 100`, `then`: `amount * 0.1`}}]""");
        assertThat(p.output().columns()).extracting(Column::name).containsExactly("id", "customer", "amount", "status", "tier", "bonus");
        assertThat(run(p, order(1, "a", "2000", "paid"), order(2, "b", null, null)))
                .containsExactly(list(1, "a", new BigDecimal("2000"), "paid", "gold", new BigDecimal("200.0")),
                        list(2, "b", null, "unknown", "std", null));
        assertProblem(ORDERS, "[{`type`: `conditional`, `config`: {`target`: `x`, `when`: `amount > 1`, `then`: `1`, `else`: `'a'`}}]",
                "t[0].config.else", "both must be of one type");
        assertProblem(ORDERS, "[{`type`: `conditional`, `config`: {`target`: `x`, `when`: `amount > 1`, `then`: `gold`}}]",
                "t[0].config.then", "unknown column \"gold\"");
    }

    @Test
    void aggregateGroupsInOrderOfFirstAppearance() {
        Pipeline p = bind(ORDERS, """
                [{`type`: `aggregate`, `config`: {`group_by`: [`customer`], `aggregations`: [
                  `count(*) as orders`, `sum(amount) as total`, `avg(amount)`, `min(status)`,
                  {`function`: `max`, `column`: `amount`, `as`: `biggest`}, `count(amount)`]}}]""");
        assertThat(p.output().columns()).extracting(Column::name)
                .containsExactly("customer", "orders", "total", "avg_amount", "min_status", "biggest", "count_amount");
        assertThat(p.output().primaryKey()).containsExactly("customer");
        assertThat(p.output().columns()).extracting(c -> c.type().kind()).containsExactly(STRING, INT64,
                ColumnKind.DECIMAL, ColumnKind.DECIMAL, STRING, ColumnKind.DECIMAL, INT64);
        assertThat(run(p, order(1, "a", "10.00", "x"), order(2, "b", null, null), order(3, "a", "20.50", "w"),
                order(4, null, "1.00", "z")))
                .containsExactly(
                        list("a", 2L, new BigDecimal("30.50"), new BigDecimal("15.25"), "w", new BigDecimal("20.50"), 2L),
                        list("b", 1L, null, null, null, null, 0L),
                        list(null, 1L, new BigDecimal("1.00"), new BigDecimal("1.00"), "z", new BigDecimal("1.00"), 1L));
        assertThat(p.unchanged("customer")).contains("customer");
        assertThat(p.unchanged("id")).isEmpty();
    }

    @Test
    void aggregateWithoutGroupsGivesOneRowEvenForNoInput() {
        Pipeline p = bind(schema("n", INT32, "f", FLOAT64), """
                [{`type`: `aggregate`, `config`: {`aggregations`: [`count(*)`, `sum(n)`, `avg(f)`]}}]""");
        assertThat(run(p)).containsExactly(list(0L, null, null));
        assertThat(run(p, row(1, 1.0), row(2, 2.0))).containsExactly(list(2L, 3L, 1.5));
        assertProblem(ORDERS, "[{`type`: `aggregate`, `config`: {`aggregations`: [`sum(status)`]}}]",
                "t[0].config.aggregations[0]", "sum needs a numeric column");
        assertProblem(ORDERS, "[{`type`: `aggregate`, `config`: {`aggregations`: [`median(amount)`]}}]",
                "t[0].config.aggregations[0]", "function one of");
        assertThatThrownBy(() -> run(bind(schema("n", INT64), "[{`type`: `aggregate`, `config`: {`aggregations`: [`sum(n)`]}}]"),
                row(Long.MAX_VALUE), row(1L))).isInstanceOf(DataError.class).hasMessageContaining("overflows");
    }

    @Test
    void aChainMixesRowWiseAndRowSetStepsInOrder() {
        Pipeline p = bind(ORDERS, """
                [{`type`: `filter_rows`, `config`: {`condition`: `status <> 'void'`}},
                 {`type`: `rename_column`, `config`: {`old_name`: `customer`, `new_name`: `client`}},
                 {`type`: `aggregate`, `config`: {`group_by`: [`client`], `aggregations`: [`sum(amount) as total`]}},
                 {`type`: `sort`, `config`: {`columns`: [`total desc`]}},
                 {`type`: `limit`, `config`: {`count`: 1}},
                 {`type`: `add_column`, `config`: {`name`: `rank`, `value`: 1}}]""");
        List<Object[]> leading = p.applyLeading(List.of(order(1, "a", "5", "paid"), order(2, "b", "7", "paid"),
                order(3, "a", "4", "paid"), order(4, "b", "100", "void")));
        assertThat(leading).hasSize(3);
        assertThat(p.applyTrailing(leading)).containsExactly(new Object[]{"a", new BigDecimal("9"), 1L});
        assertThat(p.output().columns()).extracting(Column::name).containsExactly("client", "total", "rank");
    }
}
